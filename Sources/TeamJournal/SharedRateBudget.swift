import BitrefillAPI
import Checkout
import Foundation
import Logging
import PostgresNIO

/// The API families whose limits the desk shares, one `rate_budget` row each (see `TeamSchema.budgetMigration`).
public enum BudgetFamily: String, Sendable, CaseIterable {
    /// Every product call, search included: 60 a minute and 1,000 an hour.
    case products
    /// Reading invoices and orders, listings and single ones (what following a purchase asks): 20 a minute.
    case invoices

    /// The family of a call, by its template name ("GET /products/{id}"); nil for calls outside the shared budget
    /// (the balance, eSIMs, and creating or paying an invoice, which must never wait behind a walk).
    public init?(_ request: PacedRequest) {
        guard request.method == .get else { return nil }
        let path = request.name.drop { $0 != " " }.dropFirst()
        if path.hasPrefix("/products") {
            self = .products
        } else if path.hasPrefix("/invoices") || path.hasPrefix("/orders") {
            self = .invoices
        } else {
            return nil
        }
    }
}

/// The desk's rate budget: before each request, a host takes its turn from the family's row in the team database
/// (one UPDATE, the GCRA in SQL) and sleeps until that turn. N hosts together stay within the account's limits, and
/// a purchase being followed goes before a catalog walk.
///
/// It has a pool of its own, made without connecting, so a command's settings can carry it before anything is
/// sent; the schema is the journal's (migrated when the journal opens). When the database cannot be reached the
/// request goes without a turn: the API still enforces its limits (the client waits out 429s), and a purchase
/// already sent must still be followed to its end.
public final class SharedRateBudget: RequestPacer {
    let client: PostgresClient
    /// Where the database is, for messages (never the password).
    let place: String
    let now: (@Sendable () -> Date)?
    let sleep: @Sendable (Duration) async throws -> Void
    /// How long a turn may take to be given before the request goes without one.
    let patience: Duration
    private let running: Task<Void, Never>

    /// `now` nil: the database's clock (`clock_timestamp()`), the same for every host; tests give their own time.
    public init(url: TeamDatabaseURL, now: (@Sendable () -> Date)? = nil, patience: Duration = .seconds(2),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.patience = patience
        var configuration = url.clientConfiguration
        configuration.options.maximumConnections = 2
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresJournal.logger)
        self.client = client
        place = url.place
        self.now = now
        self.sleep = sleep
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// A turn the database does not give within `patience` (it cannot be reached, or a query on a connection the
    /// server terminated is left unanswered) is not waited for: the request goes without one, as in an outage.
    public func waitForTurn(_ request: PacedRequest) async throws {
        guard let family = BudgetFamily(request) else { return }
        let at = now?()
        let turn = await answer(within: patience, else: nil) { [self] () async -> TimeInterval? in
            try? await reserve(family, priority: request.priority, at: at)
        }
        guard let wait = turn, wait > 0 else { return }
        try await sleep(.milliseconds(Int((wait * 1000).rounded(.up))))
    }

    /// Takes the next turn of `family` asked for at `at` (nil: the database's clock) and returns the seconds until it.
    public func reserve(_ family: BudgetFamily, priority: RequestPriority, at: Date?) async throws(UserDatabaseError) -> TimeInterval {
        let background = priority == .background
        do {
            let rows: PostgresRowSequence
            if let at {
                rows = try await client.query("""
                    SELECT storefront_budget_wait(\(family.rawValue), \(at.timeIntervalSince1970), \(background))
                    """, logger: PostgresJournal.logger)
            } else {
                rows = try await client.query("""
                    SELECT storefront_budget_wait(\(family.rawValue), extract(epoch FROM clock_timestamp())::double precision, \(background))
                    """, logger: PostgresJournal.logger)
            }
            return try await rows.collect().first?.decode(Double?.self) ?? 0
        } catch {
            throw UserDatabaseError(path: "the team rate budget at \(place)", detail: TeamSchema.describe(error))
        }
    }
}
