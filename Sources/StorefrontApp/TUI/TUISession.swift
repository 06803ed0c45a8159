import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import Logging
import TerminalBackend
import ThemeFiles

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
    /// The team's journal, when `--database-url` names one.
    public var teamJournal: (any PurchaseJournal)?
    /// `--agent`: who buys (see `AgentName`).
    public var agent: String?
    /// The team journal's changes, for the live history.
    public var teamFeed: (any PurchaseFeed)?
    /// With a team journal: the periodic check of its database (TEAM DB DOWN, and writing what an outage spooled).
    public var teamWatch: TeamDatabaseWatch?

    public init(settings: ConnectionSettings, dataDirectory: DataDirectory, themeRequest: String?, asciiOnly: Bool,
                present: Bool = false, webhook: WebhookSettings? = nil, logger: Logger = Logger(label: "storefront", factory: { _ in SwiftLogNoOpLogHandler() }),
                teamJournal: (any PurchaseJournal)? = nil, teamFeed: (any PurchaseFeed)? = nil, teamWatch: TeamDatabaseWatch? = nil,
                agent: String? = nil) {
        self.teamJournal = teamJournal
        self.teamFeed = teamFeed
        self.teamWatch = teamWatch
        self.agent = agent
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
                                                   agent: options.agent, logger: options.logger, onEvent: { event in
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
        let catalog = try CatalogService.open(dataDirectory: options.dataDirectory, settings: options.settings,
                                              policy: try CatalogFreshnessPolicy.resolve(environment: environment))
        let userData = try UserDatabase.open(at: options.dataDirectory.file(UserDatabase.fileName))
        let preferences = Preferences.load(from: options.dataDirectory)
        // NO_COLOR is honoured by the terminal backend itself, whatever theme it is given.
        let themeCatalog = ThemeCatalog.standard(environment: environment)
        let (theme, themeProblem) = themeCatalog.loadOrFallback(preferences.theme(option: options.themeRequest, environment: environment))
        // A terminal that cannot show UTF-8 gets the ASCII drawing by itself, as `--ascii` would ask.
        let charset = TerminalLocale.configure(environment: environment)
        let appearance = SessionAppearance(theme: theme, themes: ThemeSwitcher(catalog: themeCatalog, current: theme.name),
                                           themeProblem: themeProblem?.description, asciiOnly: options.asciiOnly || charset == .ascii,
                                           presenting: preferences.presenting(option: options.present))
        let dependencies = SessionDependencies(connection: connection, catalog: catalog, userData: userData, relay: relay, budget: budget,
                                               dataDirectory: options.dataDirectory, webhook: options.webhook, appearance: appearance,
                                               teamJournal: options.teamJournal, teamFeed: options.teamFeed, teamWatch: options.teamWatch)
        let session = try await StorefrontSession.start(dependencies) { () throws(TerminalError) -> any TerminalDevice in
            try CursesTerminal(theme: theme)
        }
        let outcome = try await session.finished()
        try? Preferences(theme: outcome.themeName, presenting: outcome.presenting).save(in: options.dataDirectory)
    }
}
