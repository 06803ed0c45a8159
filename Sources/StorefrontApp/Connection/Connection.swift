import BitrefillAPI
import Foundation
import Logging
import SandboxServer

/// A ready client and, in sandbox mode, the in-process sandbox it talks to. Close it to stop the sandbox.
public final class Connection: Sendable {
    public enum Mode: Sendable, Equatable {
        case sandbox
        case live
    }

    public let client: BitrefillClient
    public let mode: Mode
    /// Names this run: the embedded sandbox's invoices exist only as long as it does.
    public let sessionID = UUID().uuidString.prefix(8).lowercased()
    private let sandbox: RunningSandbox?
    /// The diagnostic log (`--log-file`, `STOREFRONT_LOG`): requests and purchase steps, never a secret.
    public let logger: Logger

    init(client: BitrefillClient, mode: Mode, sandbox: RunningSandbox?, logger: Logger) {
        self.client = client
        self.mode = mode
        self.sandbox = sandbox
        self.logger = logger
    }

    /// "SANDBOX" or "LIVE api.bitrefill.com": what a status bar or a CLI header shows.
    public var badge: String {
        switch mode {
        case .sandbox: "SANDBOX"
        case .live: "LIVE \(client.configuration.host)"
        }
    }

    /// Opens the connection the settings ask for, starting the embedded sandbox on a loopback port when there
    /// are no credentials.
    public static func open(_ settings: ConnectionSettings, sandbox sandboxConfiguration: SandboxConfiguration = .embedded,
                            transport: HTTPTransport = .asyncHTTPClient(),
                            logger: Logger = Logger(label: "storefront", factory: { _ in SwiftLogNoOpLogHandler() }),
                            onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in }) async throws -> Connection {
        switch settings.target {
        case .api(let baseURL, let credentials):
            let configuration = ClientConfiguration(baseURL: baseURL, credentials: credentials, onEvent: onEvent, logger: logger)
            return Connection(client: BitrefillClient(configuration: configuration, transport: transport), mode: .live, sandbox: nil, logger: logger)
        case .embeddedSandbox:
            let sandbox = try await RunningSandbox.start(configuration: sandboxConfiguration)
            guard let baseURL = URL(string: sandbox.baseURL), let key = sandboxConfiguration.bearerKeys.first else {
                await sandbox.stop()
                throw ConfigurationError("The embedded sandbox has no API key configured.")
            }
            let configuration = ClientConfiguration(baseURL: baseURL, credentials: .bearer(apiKey: key), onEvent: onEvent, logger: logger)
            return Connection(client: BitrefillClient(configuration: configuration, transport: transport), mode: .sandbox, sandbox: sandbox, logger: logger)
        }
    }

    public func close() async {
        await sandbox?.stop()
    }
}

extension SandboxConfiguration {
    /// The sandbox `storefront` starts for itself: the default catalog, relaxed rate limits so a first catalog
    /// fill takes seconds, and short payment and delivery delays so a demo purchase completes while you watch.
    public static var embedded: SandboxConfiguration {
        var configuration = SandboxConfiguration()
        configuration.rateLimits = .relaxed
        configuration.paymentDetectionDelay = .seconds(8)
        configuration.deliveryDelay = .seconds(3)
        return configuration
    }
}
