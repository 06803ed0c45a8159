import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Synchronization
import TeamJournal
import Testing

/// The desk's shared rate budget (`SharedRateBudget`) on the test run's private PostgreSQL: several hosts, each a
/// client of its own on one database, take turns at given times (the GCRA function takes the time as an argument),
/// and the turns they are given never exceed the account's limits in any window.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct SharedRateBudgetTests {
    let server: PrivatePostgres
    let database: String
    static let start = 1_800_000_000.0

    init() async throws {
        server = try PrivatePostgres.shared()
        database = try server.makeDatabase()
        // Opening the journal migrates the schema, the budget's rows included.
        _ = try await PostgresJournalContractTests.journal(on: server, database: database)
    }

    /// One more host: a budget with a pool of its own on the suite's database.
    func host(now: (@Sendable () -> Date)? = nil, sleep: @escaping @Sendable (Duration) async throws -> Void = { _ in }) throws -> SharedRateBudget {
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        return SharedRateBudget(url: url, now: now, patience: .seconds(600), sleep: sleep)
    }

    /// Each host asks for its turns one after another, asking again when it has slept until its previous turn,
    /// as a host walking the catalog does. Returns every turn given, as Unix seconds.
    func turns(hosts: Int, each count: Int, family: BudgetFamily, priority: RequestPriority = .background) async throws -> [Double] {
        var budgets: [SharedRateBudget] = []
        for _ in 0..<hosts { budgets.append(try host()) }
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            for budget in budgets {
                group.addTask {
                    var turns: [Double] = []
                    var now = Self.start
                    for _ in 0..<count {
                        let wait = try await budget.reserve(family, priority: priority, at: Date(timeIntervalSince1970: now))
                        now += wait
                        turns.append(now)
                    }
                    return turns
                }
            }
            var all: [Double] = []
            for try await turns in group { all += turns }
            return all.sorted()
        }
    }

    /// The most turns that fall in any window of `length` seconds (half-open, starting at a turn).
    static func busiest(_ turns: [Double], within length: Double) -> Int {
        var busiest = 0
        var last = 0
        for first in turns.indices {
            while last < turns.count, turns[last] < turns[first] + length - 1e-6 { last += 1 }
            busiest = max(busiest, last - first)
        }
        return busiest
    }

    @Test func fourHostsWalkingProductsStayWithinSixtyAMinuteAndAThousandAnHour() async throws {
        let turns = try await turns(hosts: 4, each: 300, family: .products)
        #expect(turns.count == 1200)
        #expect(Self.busiest(turns, within: 60) <= 60)
        #expect(Self.busiest(turns, within: 3600) <= 1000)
        #expect(Self.busiest(turns, within: 60) >= 50, "the hosts together use most of the minute's budget while the hour allows it")
    }

    @Test func threeHostsListingInvoicesStayWithinTwentyAMinute() async throws {
        let turns = try await turns(hosts: 3, each: 40, family: .invoices)
        #expect(Self.busiest(turns, within: 60) <= 20)
        #expect(Self.busiest(turns, within: 60) >= 15)
    }

    @Test func hostsInAHurryStillStayWithinTheLimits() async throws {
        let turns = try await turns(hosts: 3, each: 200, family: .products, priority: .foreground)
        #expect(Self.busiest(turns, within: 60) <= 60)
        #expect(Self.busiest(turns, within: 3600) <= 1000)
    }

    /// The catalog walk asked first, yet the purchase being followed gets the earlier turn.
    @Test func followingAPurchaseGoesBeforeTheCatalogWalk() async throws {
        let walker = try host()
        let follower = try host()
        for index in 0..<20 {
            _ = try await walker.reserve(.invoices, priority: .background, at: Date(timeIntervalSince1970: Self.start + Double(index)))
        }
        let walk = try await walker.reserve(.invoices, priority: .background, at: Date(timeIntervalSince1970: Self.start + 20))
        let follow = try await follower.reserve(.invoices, priority: .foreground, at: Date(timeIntervalSince1970: Self.start + 20))
        #expect(follow < walk)
    }

    /// The caller sleeps until its turn, once, for as long as the budget says: no spinning.
    @Test func aCallerSleepsUntilItsTurn() async throws {
        let slept = Mutex<[Duration]>([])
        let budget = try host(now: { Date(timeIntervalSince1970: Self.start) }, sleep: { duration in slept.withLock { $0.append(duration) } })
        let listing = PacedRequest(method: .get, name: "GET /invoices", priority: .background)
        for _ in 0..<3 { try await budget.waitForTurn(listing) }
        let seconds = slept.withLock { $0 }.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        #expect(seconds.count == 2)
        #expect(seconds.allSatisfy { $0 > 0 })
        #expect(seconds[1] > seconds[0])
    }

    /// Calls outside the families (the balance, creating an invoice) do not wait for the budget.
    @Test func callsOutsideTheFamiliesDoNotWait() async throws {
        let slept = Mutex<[Duration]>([])
        let budget = try host(now: { Date(timeIntervalSince1970: Self.start) }, sleep: { duration in slept.withLock { $0.append(duration) } })
        for _ in 0..<30 {
            try await budget.waitForTurn(PacedRequest(method: .get, name: "GET /accounts/balance", priority: .foreground))
            try await budget.waitForTurn(PacedRequest(method: .post, name: "POST /invoices", priority: .foreground))
        }
        #expect(slept.withLock { $0 }.isEmpty)
    }

    /// A budget the database cannot answer for (here: a database never migrated) lets requests go at once: the API's
    /// own 429s still hold them back, and a purchase already sent is still followed.
    @Test func aBudgetTheDatabaseCannotAnswerForLetsRequestsGo() async throws {
        let slept = Mutex<[Duration]>([])
        let bare = try server.makeDatabase()
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(bare)?host=\(server.socketDirectory)", defaultUser: "tester")
        let budget = SharedRateBudget(url: url, now: { Date(timeIntervalSince1970: Self.start) }, patience: .seconds(600), sleep: { duration in slept.withLock { $0.append(duration) } })
        for _ in 0..<30 { try await budget.waitForTurn(PacedRequest(method: .get, name: "GET /invoices/{id}", priority: .foreground)) }
        #expect(slept.withLock { $0 }.isEmpty)
    }

    /// In production the time is the database's own (`clock_timestamp()`), the same for every host: a fresh budget
    /// gives the first turn at once.
    @Test func theDatabaseClockGivesAFreshBudgetsFirstTurnAtOnce() async throws {
        let slept = Mutex<[Duration]>([])
        let budget = try host(sleep: { duration in slept.withLock { $0.append(duration) } })
        try await budget.waitForTurn(PacedRequest(method: .get, name: "GET /products", priority: .background))
        #expect(slept.withLock { $0 }.isEmpty)
        let due = try server.psql(database, "SELECT minute_tat > extract(epoch FROM clock_timestamp()) - 60 FROM rate_budget WHERE family = 'products'")
        #expect(due == "t\n")
    }

    /// A budget the database does not answer in time is not waited for: the request goes without a turn, as it does
    /// when the database cannot be reached. (A query on a connection the server terminated may never be answered,
    /// and held a soak's `buy` 12 minutes; here another session holds the family's row, so the turn's UPDATE waits.)
    @Test(.timeLimit(.minutes(10))) func aBudgetTheDatabaseDoesNotAnswerInTimeHoldsNoRequest() async throws {
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        let holder = try ChildProcess.start(URL(fileURLWithPath: "/usr/bin/env"), [
            "psql", "-h", server.socketDirectory, "-U", server.user, "-d", database, "-c",
            "BEGIN; SELECT family FROM rate_budget WHERE family = 'products' FOR UPDATE; SELECT pg_sleep(3600);",
        ], stdout: "/dev/null")
        defer { holder.killNow() }
        try await waitUntilTheRowIsHeld(by: holder)

        let budget = SharedRateBudget(url: url, patience: .milliseconds(200))
        try await budget.waitForTurn(PacedRequest(method: .get, name: "GET /products/{id}", priority: .foreground))
        // The server would keep the holder's backend (and its lock) for the hour of its sleep after psql is killed.
        _ = try server.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
    }

    /// Waits until `holder` holds a row lock in the suite's database (an event, not a time); a holder that ended
    /// without it fails the test with what psql said.
    func waitUntilTheRowIsHeld(by holder: ChildProcess.Running) async throws {
        while try server.psql(database, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                                        + "WHERE a.datname = current_database() AND l.mode = 'RowShareLock' AND a.pid <> pg_backend_pid()")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0" {
            if holder.hasEnded { throw HolderEnded(said: holder.stderrSoFar) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    struct HolderEnded: Error, CustomStringConvertible {
        let said: String
        var description: String { "psql ended without holding the row: \(said)" }
    }
}
