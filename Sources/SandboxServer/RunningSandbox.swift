import Logging
import ServiceLifecycle

/// A sandbox serving on loopback inside the current process: for tests and the embedded demo.
///
/// `start` returns once the port is bound; no signal handlers are installed (the host program owns
/// its signals); `stop` shuts the server down gracefully (idle keep-alive connections are closed, so
/// clients see a refused or closed connection rather than a hang) and cancels pending webhooks.
public final class RunningSandbox: Sendable {
    public let port: Int
    public let control: SandboxControl
    /// Names the persisted account for good (the same after every restart on the same persistence); nil
    /// when the sandbox keeps nothing.
    public let accountID: String?
    private let host: String
    private let serviceGroup: ServiceGroup
    private let serverTask: Task<Void, any Error>

    /// "http://127.0.0.1:PORT/v2"
    public var baseURL: String {
        let reachable = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
        return "http://\(reachable.contains(":") ? "[\(reachable)]" : reachable):\(port)/v2"
    }

    private init(port: Int, host: String, control: SandboxControl, accountID: String?, serviceGroup: ServiceGroup,
                 serverTask: Task<Void, any Error>) {
        self.port = port
        self.accountID = accountID
        self.host = host
        self.control = control
        self.serviceGroup = serviceGroup
        self.serverTask = serverTask
    }

    /// Starts a sandbox; port 0 picks a free port. Logging is off unless a logger is given, so an
    /// embedding terminal UI is not written over. With a `persistence` the account carries over from
    /// the runs before (see `SandboxPersistence`).
    public static func start(
        configuration: SandboxConfiguration,
        persistence: (any SandboxPersistence)? = nil,
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger = Logger(label: "storefront.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> RunningSandbox {
        let assembly = try await SandboxAssembly(configuration: configuration, persistence: persistence, logger: logger)
        let (boundPorts, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let application = assembly.application(host: host, port: port) { continuation.yield($0) }
        var groupConfiguration = ServiceGroupConfiguration(services: [application], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(5)
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        let serverTask = Task {
            do {
                try await serviceGroup.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        do {
            for try await boundPort in boundPorts {
                return RunningSandbox(port: boundPort, host: host, control: assembly.control, accountID: assembly.accountID, serviceGroup: serviceGroup, serverTask: serverTask)
            }
            throw SandboxStartError(message: "The sandbox server stopped before listening")
        } catch {
            serverTask.cancel()
            await assembly.control.shutdown()
            throw error
        }
    }

    /// Stops serving and waits until the server has shut down; requests in flight get up to five seconds.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await serverTask.result
        await control.shutdown()
    }
}

/// The sandbox could not start listening.
public struct SandboxStartError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
