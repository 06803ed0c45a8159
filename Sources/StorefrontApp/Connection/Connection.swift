import BitrefillAPI
import Foundation
import Logging
import SandboxServer
import SandboxStorage

/// A ready client and, in sandbox mode, the in-process sandbox it talks to. Close it to stop the sandbox.
public final class Connection: Sendable {
    public enum Mode: Sendable, Equatable {
        case sandbox
        case live
    }

    public let client: BitrefillClient
    public let mode: Mode
    /// Names this run: an embedded sandbox without a data directory keeps its invoices only as long as it runs.
    public let sessionID = UUID().uuidString.prefix(8).lowercased()
    let sandbox: RunningSandbox?
    /// The diagnostic log (`--log-file`, `STOREFRONT_LOG`): requests and purchase steps, never a secret.
    public let logger: Logger
    /// The listed SSH key this run buys for (`STOREFRONT_BUYER_KEY`, set by `storefront ssh serve`), recorded
    /// with each purchase.
    public let buyerKey: String?
    /// Who buys on this connection (`AgentName`), written on each purchase.
    public let agent: String

    init(client: BitrefillClient, mode: Mode, sandbox: RunningSandbox?, logger: Logger, buyerKey: String?, agent: String) {
        self.client = client
        self.mode = mode
        self.sandbox = sandbox
        self.logger = logger
        self.buyerKey = buyerKey
        self.agent = agent
    }

    /// "SANDBOX" or "LIVE api.bitrefill.com": what a status bar or a CLI header shows.
    public var badge: String {
        switch mode {
        case .sandbox: "SANDBOX"
        case .live: "LIVE \(client.configuration.host)"
        }
    }

    /// Opens the connection the settings ask for, starting the embedded sandbox on a loopback port when there
    /// are no credentials. With a `dataDirectory` the embedded sandbox keeps its account there
    /// (`sandbox.sqlite`), so invoices, orders and eSIMs outlive the run; without one it keeps nothing.
    /// `sandbox` nil: `SandboxConfiguration.embedded(environment:)`. `agent`: `--agent` (see `AgentName`).
    public static func open(_ settings: ConnectionSettings, dataDirectory: DataDirectory? = nil,
                            sandbox sandboxConfiguration: SandboxConfiguration? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment, agent: String? = nil,
                            transport: HTTPTransport = .asyncHTTPClient(),
                            logger: Logger = Logger(label: "storefront", factory: { _ in SwiftLogNoOpLogHandler() }),
                            onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in }) async throws -> Connection {
        switch settings.target {
        case .api(let baseURL, let credentials):
            let configuration = ClientConfiguration(baseURL: baseURL, credentials: credentials, onEvent: onEvent, logger: logger,
                                                    pacer: settings.pacer)
            return Connection(client: BitrefillClient(configuration: configuration, transport: transport), mode: .live, sandbox: nil, logger: logger,
                              buyerKey: BuyerKey.from(environment), agent: AgentName.resolve(option: agent, environment: environment))
        case .embeddedSandbox:
            let sandboxConfiguration = try sandboxConfiguration ?? .embedded(environment: environment)
            var persistence: SandboxDatabase?
            if let dataDirectory {
                try dataDirectory.prepare()
                // STOREFRONT_SANDBOX_ACCOUNT names a new sandbox's account, so a scripted demo (the screenshots)
                // gets the same ids, addresses and codes on every run.
                let file = dataDirectory.file(SandboxDatabase.fileName)
                persistence = try environment["STOREFRONT_SANDBOX_ACCOUNT"].map { try SandboxDatabase.open(at: file, newAccountID: $0) }
                    ?? SandboxDatabase.open(at: file)
            }
            let sandbox = try await RunningSandbox.start(configuration: sandboxConfiguration, persistence: persistence)
            guard let baseURL = URL(string: sandbox.baseURL), let key = sandboxConfiguration.bearerKeys.first else {
                await sandbox.stop()
                throw ConfigurationError("The embedded sandbox has no API key configured.")
            }
            let configuration = ClientConfiguration(baseURL: baseURL, credentials: .bearer(apiKey: key), onEvent: onEvent, logger: logger)
            return Connection(client: BitrefillClient(configuration: configuration, transport: transport), mode: .sandbox, sandbox: sandbox, logger: logger,
                              buyerKey: BuyerKey.from(environment), agent: AgentName.resolve(option: agent, environment: environment))
        }
    }

    public func close() async {
        await sandbox?.stop()
    }
}

extension SandboxConfiguration {
    /// The environment variable that makes the embedded sandbox pay crypto invoices by itself after that many
    /// seconds. Unset, a crypto invoice waits for a simulated payment (`s` in the TUI), so a QR code stays up
    /// for as long as a demo needs it.
    public static let payAfterVariable = "STOREFRONT_SANDBOX_PAY_AFTER"

    /// The sandbox `storefront` starts for itself: the default catalog, relaxed rate limits so a first catalog
    /// fill takes seconds, crypto invoices that wait for a simulated payment, and a short delivery delay so a
    /// paid purchase completes while you watch.
    public static var embedded: SandboxConfiguration {
        var configuration = SandboxConfiguration()
        configuration.rateLimits = .relaxed
        configuration.paymentDetectionDelay = nil
        configuration.deliveryDelay = .seconds(3)
        return configuration
    }

    /// `embedded`, with `STOREFRONT_SANDBOX_PAY_AFTER=SECONDS` (0 or more) turning automatic payment on.
    public static func embedded(environment: [String: String]) throws(ConfigurationError) -> SandboxConfiguration {
        var configuration = embedded
        guard let text = environment[payAfterVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return configuration
        }
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
            throw ConfigurationError("\(payAfterVariable)=\(text) is not a number of seconds from 0 to 86400: set it to, say, 8 to have crypto invoices paid by themselves, or unset it to pay with `s`.")
        }
        configuration.paymentDetectionDelay = .milliseconds(Int(seconds * 1000))
        return configuration
    }
}
