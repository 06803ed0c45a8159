import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import StorefrontTUI
import TerminalBackend
import ThemeFiles

/// Everything one full-screen session is built from, opened by the caller: the real ones by `TUISession`,
/// a headless terminal and an in-process sandbox by the tests. Nothing in here is opened twice or differently
/// for tests, so the tests drive the very reducer, effect runner and checkout a user gets.
public struct SessionDependencies: Sendable {
    public var connection: Connection
    public var catalog: CatalogService
    public var userData: UserDatabase
    /// The team's journal when one is configured (`--database-url`): purchases and the history go there; the cart
    /// stays in `userData`. Nil: the data directory's own journal.
    public var teamJournal: (any PurchaseJournal)?
    /// The team journal's changes, so the history shows colleagues' purchases as they change. Nil: no other writer.
    public var teamFeed: (any PurchaseFeed)?
    /// With a team journal: the periodic check of its database behind TEAM DB DOWN.
    public var teamWatch: TeamDatabaseWatch?
    /// Records reveals in the team journal's audit (a team journal that keeps one); without a team, none.
    var revealGate: RevealGate { RevealGate(audit: teamJournal as? any RevealAudit) }
    /// Receives the connection's client events (the catalog refresh paces itself by them).
    public var relay: ClientEventRelay
    /// Fed by the same events: invoice follows pace themselves by the request budget the API reports.
    public var budget: RequestBudget
    /// Where `W` writes receipts and the Account screen caches the server's pages.
    public var dataDirectory: DataDirectory
    public var webhook: WebhookSettings?
    public var appearance: SessionAppearance
    /// The session's clock: the first state's time and the once-a-second ticks.
    public var now: @Sendable () -> Date
    /// How long the loop waits for a key before looking at results and the clock again.
    public var pollMilliseconds: Int
    /// How the background check for purchases no storefront works waits between turns (a test turns it by hand).
    public var abandonedCheckSleep: @Sendable (TimeInterval) async -> Void

    public init(connection: Connection, catalog: CatalogService, userData: UserDatabase, relay: ClientEventRelay,
                budget: RequestBudget, dataDirectory: DataDirectory, webhook: WebhookSettings? = nil,
                appearance: SessionAppearance = SessionAppearance(), now: @escaping @Sendable () -> Date = Date.init,
                pollMilliseconds: Int = 50, teamJournal: (any PurchaseJournal)? = nil, teamFeed: (any PurchaseFeed)? = nil,
                teamWatch: TeamDatabaseWatch? = nil,
                abandonedCheckSleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) }) {
        self.connection = connection
        self.abandonedCheckSleep = abandonedCheckSleep
        self.teamJournal = teamJournal
        self.teamFeed = teamFeed
        self.teamWatch = teamWatch
        self.catalog = catalog
        self.userData = userData
        self.relay = relay
        self.budget = budget
        self.dataDirectory = dataDirectory
        self.webhook = webhook
        self.appearance = appearance
        self.now = now
        self.pollMilliseconds = pollMilliseconds
    }
}

/// How the session looks at start.
public struct SessionAppearance: Sendable {
    public var theme: Theme
    public var themes: ThemeSwitcher
    /// Why the asked-for theme could not be used, shown once the screen is up.
    public var themeProblem: String?
    public var asciiOnly: Bool
    public var presenting: Bool

    public init(theme: Theme = .fallback, themes: ThemeSwitcher? = nil, themeProblem: String? = nil,
                asciiOnly: Bool = false, presenting: Bool = false) {
        self.theme = theme
        self.themes = themes ?? ThemeSwitcher(catalog: .standard(), current: theme.name)
        self.themeProblem = themeProblem
        self.asciiOnly = asciiOnly
        self.presenting = presenting
    }
}

/// How a session ended: what to remember, and the last state (what the tests look at).
public struct SessionOutcome: Sendable {
    public var themeName: String
    public var presenting: Bool
    public var finalState: AppState
}

/// A session running on its terminal's thread until the user quits or the terminal goes away.
public final class StorefrontSession: Sendable {
    /// Where effect results are posted for the loop; tests may post actions as a background task would.
    public let inbox: ActionInbox
    private let ended: Task<Result<SessionOutcome, TerminalError>, Never>
    private let stop: @Sendable () async -> Void

    private init(inbox: ActionInbox, ended: Task<Result<SessionOutcome, TerminalError>, Never>, stop: @escaping @Sendable () async -> Void) {
        self.inbox = inbox
        self.ended = ended
        self.stop = stop
    }

    /// The one composition: builds the effect runner and checkout from `dependencies`, starts the catalog refresh
    /// when the cache needs one, and runs the loop on a thread of its own, on the terminal `makeTerminal` opens
    /// there (ncurses must be set up and used on one thread).
    public static func start(_ dependencies: SessionDependencies,
                             terminal makeTerminal: @escaping @Sendable () throws(TerminalError) -> any TerminalDevice) async throws -> StorefrontSession {
        let inbox = ActionInbox()
        let connection = dependencies.connection
        let journal = dependencies.teamJournal ?? dependencies.userData
        let cart = try await dependencies.userData.loadCart(settledBy: journal)
        let engine = connection.purchaseEngine(journal: journal, budget: dependencies.budget)
        let checkout = CheckoutRunner(engine: engine, sandbox: connection.sandboxControls, inbox: inbox, webhookURL: dependencies.webhook?.url,
                                      receiptDirectory: dependencies.dataDirectory, revealGate: dependencies.revealGate,
                                      abandonedCheck: AbandonedPurchaseCheck(engine: engine, sleep: dependencies.abandonedCheckSleep))
        let webhooks = try await dependencies.webhook?.start { checkout.webhookArrived(invoiceId: $0) }
        let account = try connection.accountHistory(journal: dependencies.userData, dataDirectory: dependencies.dataDirectory) { until in
            inbox.post(.account(.waiting(until: until)))
        }
        let runner = EffectRunner(catalog: dependencies.catalog, userData: dependencies.userData, client: connection.client,
                                  inbox: inbox, checkout: checkout, account: account)
        let refresh = try dependencies.catalog.refreshIfNeeded(connection: connection, events: dependencies.relay, now: dependencies.now())
        let forwarding = refresh.map { run in
            Task {
                for await progress in run.progress { inbox.post(.refreshProgressed(progress)) }
            }
        }
        let colleagues = dependencies.teamFeed.map { feed in
            Task { await feed.follow { changed in inbox.post(.checkout(.teamChanged(changed))) } }
        }
        inbox.post(.cartLoaded(cart.lines, held: cart.held, unsettled: cart.unsettled))
        let watching = dependencies.teamWatch?.watch(posting: inbox)
        if let problem = dependencies.appearance.themeProblem { inbox.post(.themeFailed(problem)) }

        let connectionInfo = ConnectionInfo(isSandbox: connection.mode == .sandbox, host: connection.client.configuration.host,
                                            isTeam: dependencies.teamJournal != nil, agent: connection.agent)
        let ended = Task {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: runLoop(dependencies, connection: connectionInfo, runner: runner, inbox: inbox,
                                                           makeTerminal: makeTerminal))
                }
                thread.name = "storefront-terminal"
                thread.start()
            }
        }
        return StorefrontSession(inbox: inbox, ended: ended) {
            refresh?.cancel()
            forwarding?.cancel()
            colleagues?.cancel()
            watching?.cancel()
            await runner.finish()
            await webhooks?.stop()
        }
    }

    /// Waits for the loop to end, then stops the refresh and the follows after the effects already asked for
    /// (a last cart save is not lost; an unfinished purchase resumes at the next start).
    public func finished() async throws(TerminalError) -> SessionOutcome {
        let result = await ended.value
        await stop()
        return try result.get()
    }

    /// The terminal's thread: take the terminal, loop, give it back.
    private static func runLoop(_ dependencies: SessionDependencies, connection: ConnectionInfo, runner: EffectRunner, inbox: ActionInbox,
                                makeTerminal: () throws(TerminalError) -> any TerminalDevice) -> Result<SessionOutcome, TerminalError> {
        let terminal: any TerminalDevice
        do {
            terminal = try makeTerminal()
        } catch {
            return .failure(error)
        }
        defer { terminal.shutdown() }
        let appearance = dependencies.appearance
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, connection: connection, asciiOnly: appearance.asciiOnly,
                             now: dependencies.now())
        state.checkout.presenting = appearance.presenting
        state.checkout.auditsReveals = dependencies.revealGate.audits
        let effects = startupEffects(&state)
        let loop = AppLoop(terminal: terminal, state: state, runner: runner, inbox: inbox, themes: appearance.themes, now: dependencies.now)
        loop.run(initialEffects: effects, pollMilliseconds: dependencies.pollMilliseconds)
        return .success(SessionOutcome(themeName: loop.themeName, presenting: loop.state.checkout.presenting, finalState: loop.state))
    }
}
