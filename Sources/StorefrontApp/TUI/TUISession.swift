import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import Logging
import StorefrontCore
import TerminalBackend

/// Everything the full-screen storefront needs, opened before the terminal is taken over so that a bad
/// setting or an unusable file is reported as a plain message on a normal terminal.
public struct TUIOptions: Sendable {
    public var settings: ConnectionSettings
    public var dataDirectory: DataDirectory
    public var themeRequest: String?
    public var asciiOnly: Bool
    /// `--present`: start in presentation mode (codes hidden), whatever was remembered.
    public var present: Bool
    public var webhook: WebhookSettings?
    public var logger: Logger

    public init(settings: ConnectionSettings, dataDirectory: DataDirectory, themeRequest: String?, asciiOnly: Bool,
                present: Bool = false, webhook: WebhookSettings? = nil, logger: Logger = Logger(label: "storefront", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.webhook = webhook
        self.logger = logger
        self.settings = settings
        self.dataDirectory = dataDirectory
        self.themeRequest = themeRequest
        self.asciiOnly = asciiOnly
        self.present = present
    }
}

public enum TUISession {
    /// Runs the TUI until the user quits. The terminal is driven from one dedicated thread; everything else
    /// (HTTP, database) runs on tasks that post their results to the loop.
    public static func run(_ options: TUIOptions, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let relay = ClientEventRelay()
        // Invoice follows pace themselves by the request budget the API reports.
        let budget = RequestBudget()
        let connection = try await Connection.open(options.settings, dataDirectory: options.dataDirectory, environment: environment,
                                                   logger: options.logger, onEvent: { event in
            relay.send(event)
            budget.note(event)
        })
        do {
            try await run(options, connection: connection, relay: relay, budget: budget, environment: environment)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    private static func run(_ options: TUIOptions, connection: Connection, relay: ClientEventRelay, budget: RequestBudget,
                            environment: [String: String]) async throws {
        let inbox = ActionInbox()
        let catalog = try CatalogService.open(dataDirectory: options.dataDirectory, settings: options.settings,
                                              policy: try CatalogFreshnessPolicy.resolve(environment: environment))
        let userData = try UserDatabase.open(at: options.dataDirectory.file(UserDatabase.fileName))
        let cart = try userData.loadCart()
        let checkout = CheckoutRunner(engine: connection.purchaseEngine(journal: userData, budget: budget),
                                      sandbox: connection.sandboxControls, inbox: inbox, webhookURL: options.webhook?.url,
                                      receiptDirectory: options.dataDirectory)
        let webhooks = try await options.webhook?.start { checkout.webhookArrived(invoiceId: $0) }
        let account = try connection.accountHistory(journal: userData, dataDirectory: options.dataDirectory) { until in
            inbox.post(.account(.waiting(until: until)))
        }
        let runner = EffectRunner(catalog: catalog, userData: userData, client: connection.client, inbox: inbox, checkout: checkout,
                                  account: account)

        let preferences = Preferences.load(from: options.dataDirectory)
        let themeName = preferences.theme(option: options.themeRequest, environment: environment)
        // NO_COLOR is honoured by the terminal backend itself, whatever theme it is given.
        let themeCatalog = ThemeCatalog.standard(environment: environment)
        let (theme, themeProblem) = themeCatalog.loadOrFallback(themeName)
        let themes = ThemeSwitcher(catalog: themeCatalog, current: theme.name)

        let refresh = try catalog.refreshIfNeeded(connection: connection, events: relay)
        let forwarding = refresh.map { run in
            Task {
                for await progress in run.progress { inbox.post(.refreshProgressed(progress)) }
            }
        }

        let connectionInfo = ConnectionInfo(isSandbox: connection.mode == .sandbox, host: connection.client.configuration.host)
        inbox.post(.cartLoaded(cart))
        if let themeProblem { inbox.post(.themeFailed(themeProblem.description)) }

        let outcome: Result<(theme: String, presenting: Bool), TerminalError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: runLoop(theme: theme, themes: themes, connection: connectionInfo,
                                                       asciiOnly: options.asciiOnly, presenting: preferences.presenting(option: options.present),
                                                       runner: runner, inbox: inbox))
            }
            thread.name = "storefront-terminal"
            thread.start()
        }
        refresh?.cancel()
        forwarding?.cancel()
        await runner.finish()
        await webhooks?.stop()
        let final = try outcome.get()
        try? Preferences(theme: final.theme, presenting: final.presenting).save(in: options.dataDirectory)
    }

    /// The terminal's thread: take the terminal, loop, give it back.
    /// Answers the theme and presentation mode in use at the end, to remember.
    private static func runLoop(theme: Theme, themes: ThemeSwitcher, connection: ConnectionInfo, asciiOnly: Bool, presenting: Bool,
                                runner: EffectRunner, inbox: ActionInbox) -> Result<(theme: String, presenting: Bool), TerminalError> {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(theme: theme)
        } catch {
            return .failure(error)
        }
        defer { terminal.shutdown() }
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, connection: connection, asciiOnly: asciiOnly, now: Date())
        state.checkout.presenting = presenting
        let effects = startupEffects(&state)
        let loop = AppLoop(terminal: terminal, state: state, runner: runner, inbox: inbox, themes: themes)
        loop.run(initialEffects: effects)
        return .success((loop.themeName, loop.state.checkout.presenting))
    }
}
