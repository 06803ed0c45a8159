import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// What `storefront ssh serve` runs with.
public struct SSHServeConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var hostKey: HostKey
    public var authorizedKeys: AuthorizedKeys
    public var limits: SessionLimits
    /// Input silence after which a session is told and closed; nil: never.
    public var idleTimeout: Duration?
    /// A connection that opens no session in this time (`ssh -N`, forwarding only) is closed, and so is a
    /// session channel that asks for no shell or command in this time.
    public var sessionlessGrace: Duration
    /// The `storefront` program each session runs.
    public var executable: String
    public var dataDirectory: String
    public var environment: [String: String]
    public var log: @Sendable (String) -> Void

    public init(host: String, port: Int, hostKey: HostKey, authorizedKeys: AuthorizedKeys, limits: SessionLimits,
                idleTimeout: Duration?, sessionlessGrace: Duration = .seconds(10), executable: String,
                dataDirectory: String, environment: [String: String], log: @escaping @Sendable (String) -> Void) {
        self.host = host
        self.port = port
        self.hostKey = hostKey
        self.authorizedKeys = authorizedKeys
        self.limits = limits
        self.idleTimeout = idleTimeout
        self.sessionlessGrace = sessionlessGrace
        self.executable = executable
        self.dataDirectory = dataDirectory
        self.environment = environment
        self.log = log
    }
}

/// The storefront over SSH: each session a `storefront` child of its own, nothing else (no shell, no
/// forwarding, no file transfer).
public final class SSHStorefrontServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let shared: SessionContext
    public let port: Int

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, shared: SessionContext) {
        self.group = group
        self.channel = channel
        self.shared = shared
        self.port = channel.localAddress?.port ?? 0
    }

    public static func start(_ configuration: SSHServeConfiguration) async throws -> SSHStorefrontServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let grace = TimeAmount.seconds(configuration.sessionlessGrace.components.seconds)
        let shared = SessionContext(
            executable: configuration.executable, serverDataDirectory: configuration.dataDirectory,
            serverEnvironment: configuration.environment, visitorScratch: try VisitorScratch.prepare(), ledger: NIOLockedValueBox(SessionLedger(limits: configuration.limits)),
            idleTimeout: configuration.idleTimeout.map { TimeAmount.nanoseconds(Int64($0.components.seconds) * 1_000_000_000 + $0.components.attoseconds / 1_000_000_000) },
            openSessions: OpenSessions(), requestGrace: grace, log: configuration.log)
        let hostKey = configuration.hostKey.nioKey
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let connection = ConnectionState(peer: channel.remoteAddress?.ipAddress ?? "unknown")
                connection.arrivedTooFast = shared.ledger.withLockedValue { $0.admitConnection(from: connection.peer, at: Date()) }
                if let refusal = connection.arrivedTooFast {
                    shared.log("refused connection from \(connection.peer): \(refusal.description)")
                }
                channel.eventLoop.scheduleTask(in: grace) {
                    guard !connection.openedSession, channel.isActive else { return }
                    shared.log("closed connection from \(connection.peer): no session (port forwarding alone is refused)")
                    channel.close(promise: nil)
                }
                return channel.eventLoop.makeCompletedFuture {
                    let role = SSHConnectionRole.server(.init(
                        hostKeys: [hostKey],
                        userAuthDelegate: VisitorAuthentication(authorizedKeys: configuration.authorizedKeys, connection: connection),
                        globalRequestDelegate: RefusingGlobalRequests(peer: connection.peer, log: shared.log)))
                    let ssh = NIOSSHHandler(role: role, allocator: channel.allocator) { child, type in
                        openChannel(child, type: type, connection: connection, shared: shared)
                    }
                    try channel.pipeline.syncOperations.addHandlers([ssh, ConnectionErrorHandler(peer: connection.peer, log: shared.log)])
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            return SSHStorefrontServer(group: group, channel: channel, shared: shared)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Serves until the listening socket closes.
    public func run() async throws {
        try await channel.closeFuture.get()
    }

    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    /// Stops as a service should: no new connection; every session told, its child asked to end (it restores the
    /// visitor's terminal, and its journal already holds every step of a purchase), and a line saying why; then,
    /// after at most `drain`, what is left is ended and the server stops.
    public func shutdown(reason: String, drain: Duration) async {
        try? await channel.close()
        let ended = shared.openSessions.stopAll()
        shared.log("stopping (\(reason)): \(ended.count) open session\(ended.count == 1 ? "" : "s") told")
        let loop = group.next()
        let allEnded = EventLoopFuture.andAllComplete(ended, on: loop)
        let drained = loop.makePromise(of: Void.self)
        allEnded.cascade(to: drained)
        loop.scheduleTask(in: .nanoseconds(Int64(drain.components.seconds) * 1_000_000_000 + drain.components.attoseconds / 1_000_000_000)) {
            drained.succeed()
        }
        try? await drained.futureResult.get()
        if shared.openSessions.count > 0 {
            shared.log("stopping: \(shared.openSessions.count) session(s) still open after the drain time; ending them")
            shared.openSessions.killAll()
            let last = loop.makePromise(of: Void.self)
            allEnded.cascade(to: last)
            loop.scheduleTask(in: .seconds(3)) { last.succeed() }
            try? await last.futureResult.get()
        }
        try? await group.shutdownGracefully()
        shared.log("stopped")
    }

    private static func openChannel(_ child: Channel, type: SSHChannelType, connection: ConnectionState,
                                    shared: SessionContext) -> EventLoopFuture<Void> {
        switch type {
        case .session:
            guard connection.admitChannel() else {
                if !connection.loggedChannelRefusal {
                    connection.loggedChannelRefusal = true
                    shared.log("refused session channels from \(connection.peer) beyond \(ConnectionState.maxChannels) on one connection")
                }
                return child.eventLoop.makeFailedFuture(Refused.tooManyChannels)
            }
            connection.openedSession = true
            return child.eventLoop.makeCompletedFuture {
                try child.pipeline.syncOperations.addHandler(SessionHandler(connection: connection, shared: shared))
            }
        case .directTCPIP(let target):
            shared.log("refused local port forwarding to \(target.targetHost):\(target.targetPort) from \(connection.peer)")
            return child.eventLoop.makeFailedFuture(Refused.portForwarding)
        case .forwardedTCPIP:
            shared.log("refused forwarded-tcpip channel from \(connection.peer)")
            return child.eventLoop.makeFailedFuture(Refused.portForwarding)
        }
    }

    enum Refused: Error {
        case portForwarding
        case tooManyChannels
    }
}

/// Refuses remote port forwarding (`ssh -R`), logging who asked.
struct RefusingGlobalRequests: GlobalRequestDelegate {
    let peer: String
    let log: @Sendable (String) -> Void

    func tcpForwardingRequest(_ request: GlobalRequest.TCPForwardingRequest, handler: NIOSSHHandler,
                              promise: EventLoopPromise<GlobalRequest.TCPForwardingResponse>) {
        if case .listen(let host, let port) = request {
            log("refused remote port forwarding of \(host):\(port) from \(peer)")
        }
        promise.fail(SSHStorefrontServer.Refused.portForwarding)
    }
}

/// Ends a connection whose SSH stream failed (a bad packet, a client gone mid-handshake), with one log line.
final class ConnectionErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Any

    private let peer: String
    private let log: @Sendable (String) -> Void

    init(peer: String, log: @escaping @Sendable (String) -> Void) {
        self.peer = peer
        self.log = log
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        log("connection from \(peer) ended: \(error)")
        context.close(promise: nil)
    }
}
