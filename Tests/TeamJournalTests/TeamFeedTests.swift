import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// Colleagues' purchases as they change, on the test run's private PostgreSQL: one agent writes through the journal
/// as a host would, another watches through a feed of its own connection.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamFeedTests {
    static let key = PostgresJournalContractTests.key

    static func url(_ server: PrivatePostgres, _ database: String) throws -> TeamDatabaseURL {
        try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
    }

    static func journal(_ server: PrivatePostgres, _ database: String, agent: String) async throws -> PostgresJournal {
        try await PostgresJournal.connect(url(server, database), key: key, agent: agent)
    }

    /// Every insert and update takes a higher change number, and the notification names the purchase and that number
    /// only: nothing of the purchase itself goes over the channel.
    @Test func everyWriteTakesTheNextChangeNumberAndNotifiesTheIdAndNumberOnly() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let journal = try await Self.journal(server, database, agent: "alice@desk1")
        defer { journal.close() }
        var bought = PurchaseJournalContract.everything
        try await journal.recordIntent(bought, requestHash: "h", takingCartLines: [], at: .now)
        let first = try server.psql(database, "SELECT change_seq FROM purchase WHERE id = 'p-full'")
        bought.stage = .settled
        try await journal.save(bought, at: .now)
        let second = try server.psql(database, "SELECT change_seq FROM purchase WHERE id = 'p-full'")
        #expect(Int(second.trimmingCharacters(in: .whitespacesAndNewlines))! > Int(first.trimmingCharacters(in: .whitespacesAndNewlines))!)

        let heard = try server.psql(database, "LISTEN \(TeamFeed.channel); UPDATE purchase SET problem = 'x' WHERE id = 'p-full'")
        let seq = try server.psql(database, "SELECT change_seq FROM purchase WHERE id = 'p-full'").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(heard.contains(#"payload "{"id" : "p-full", "seq" : \#(seq)}""#), "\(heard)")
        #expect(try await journal.purchase(id: "p-full")?.stage == .settled, "the journal still reads its rows")
    }

    @Test func aFeedShowsAColleaguesPurchaseAsItChangesWithItsAgent() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let alice = try await Self.journal(server, database, agent: "alice@desk1")
        let bob = try await Self.journal(server, database, agent: "bob@desk2")
        defer { alice.close(); bob.close() }
        try await alice.recordIntent(PurchaseJournalContract.purchase("before", at: 1), requestHash: "b", takingCartLines: [], at: .now)

        let start = try await bob.currentChanges(limit: 10)
        #expect(start.changes.map(\.purchase.id) == ["before"], "the watcher starts with what is there")
        let feed = FeedRecorder(TeamFeed(url: try Self.url(server, database), journal: bob), from: start.cursor)
        var bought = PurchaseJournalContract.everything
        try await alice.recordIntent(bought, requestHash: "h", takingCartLines: [], at: .now)
        try await feed.waitFor("p-full", at: "created")
        bought.stage = .settled
        try await alice.save(bought, at: .now)
        try await feed.waitFor("p-full", at: "settled")
        let seen = feed.changes
        #expect(seen.map(\.purchase.id) == ["p-full", "p-full"], "each change once, and nothing from before the start")
        #expect(seen.allSatisfy { $0.agent == (bought.agent ?? "alice@desk1") }, "the agent the purchase names, else the writer's")
        #expect(seen.last?.purchase == bought, "the purchase as the journal holds it, codes opened with the team key")
    }

    /// The database restarts mid-feed: the feed says so, reconnects, LISTENs again and shows every change made
    /// while it was away, then live changes again.
    @Test func aDatabaseRestartMidFeedLosesNothing() async throws {
        let server = try PrivatePostgres.startOwn()
        let database = try server.makeDatabase()
        let alice = try await Self.journal(server, database, agent: "alice@desk1")
        let bob = try await Self.journal(server, database, agent: "bob@desk2")
        defer { alice.close(); bob.close() }
        let feed = FeedRecorder(TeamFeed(url: try Self.url(server, database), journal: bob), from: try await bob.currentChanges(limit: 0).cursor)
        try await alice.recordIntent(PurchaseJournalContract.purchase("one", at: 1, stage: .created), requestHash: "1",
                                     takingCartLines: [], at: .now)
        try await feed.waitFor("one", at: "created")

        try server.stopServer()
        try await feed.waitUntil("the lost connection") { $0.contains { if case .lost = $0 { true } else { false } } }
        try server.startServer()
        let afterRestart = try await Self.journal(server, database, agent: "alice@desk1")
        defer { afterRestart.close() }
        try await afterRestart.recordIntent(PurchaseJournalContract.purchase("two", at: 2, stage: .created), requestHash: "2",
                                            takingCartLines: [], at: .now)
        try await afterRestart.save(PurchaseJournalContract.purchase("one", at: 1, stage: .settled), at: .now)
        try await feed.waitFor("two", at: "created")
        try await feed.waitFor("one", at: "settled")
        try await feed.waitUntil("listening again") { $0.contains(.resumed) }
        try await afterRestart.recordIntent(PurchaseJournalContract.purchase("three", at: 3), requestHash: "3", takingCartLines: [], at: .now)
        try await feed.waitFor("three", at: "settled")
        #expect(feed.changes.map(\.purchase.id) == ["one", "two", "one", "three"], "\(feed.all)")
    }
}

/// Where a feed stands, as pure values: what it shows once, what a notification still needs read.
struct FeedCursorTests {
    static func change(_ id: String, _ seq: Int64) -> PurchaseChange {
        PurchaseChange(seq: seq, agent: "a", updatedAt: Date(timeIntervalSince1970: 0), purchase: PurchaseJournalContract.purchase(id, at: 0))
    }

    @Test func aChangeReadTwiceIsShownOnceAndInChangeOrderAndTheNextReadGoesOnFromTheLastSnapshot() {
        var cursor = FeedCursor(snapshot: "100:104:101,102")
        #expect(cursor.admit(ChangeRead(changes: [Self.change("b", 7), Self.change("a", 5)], snapshot: "102:106:102")).map(\.seq) == [5, 7])
        #expect(cursor.admit(ChangeRead(changes: [Self.change("a", 5), Self.change("b", 7)], snapshot: "106:106:")).isEmpty)
        #expect(cursor.snapshot == "106:106:")
    }

    @Test func aNotificationAlreadyAnsweredByANewerReadNeedsNoRead() {
        var cursor = FeedCursor(snapshot: "1:1:")
        _ = cursor.admit([Self.change("a", 9)])
        #expect(!cursor.isNew(id: "a", seq: 8))
        #expect(!cursor.isNew(id: "a", seq: 9))
        #expect(cursor.isNew(id: "a", seq: 10))
        #expect(cursor.isNew(id: "b", seq: 1))
    }

    @Test func reconnectingWaitsDoubleFromShortToACeiling() {
        let backoff = ReconnectBackoff(first: .milliseconds(50), longest: .seconds(2))
        #expect((1...8).map { backoff.delay(afterFailures: $0) }
                == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                    .milliseconds(1600), .seconds(2), .seconds(2)])
    }
}
