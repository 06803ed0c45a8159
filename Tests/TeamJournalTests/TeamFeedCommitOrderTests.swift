import Foundation
import PostgresNIO
import StorefrontDomain
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// Change numbers are taken when a purchase is written, not when its transaction commits, so changes commit out of
/// number order. A feed that catches up by number after a reconnect would skip a change numbered below one it has
/// read but committed while it was away: the desk would never see that purchase move.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamFeedCommitOrderTests {
    /// A host's transaction (it took its change number first) commits only while the feed is reconnecting, after a
    /// later change the feed has read: the feed still shows it, once, before the changes that follow.
    @Test func aChangeCommittedOutOfNumberOrderWhileTheFeedReconnectsIsShown() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let url = try TeamFeedTests.url(server, database)
        let alice = try await TeamFeedTests.journal(server, database, agent: "alice@desk1")
        let bob = try await TeamFeedTests.journal(server, database, agent: "bob@desk2")
        defer { alice.close(); bob.close() }
        try await alice.recordIntent(PurchaseJournalContract.purchase("slow", at: 1, stage: .created), requestHash: "1",
                                     takingCartLines: [], at: .now)

        // A slow host settles "slow" in a transaction it does not commit yet: its change number is taken now.
        let slowHost = try await PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.next(),
                                                            configuration: try url.connectionConfiguration(), id: 7,
                                                            logger: PostgresJournal.logger).get()
        try await slowHost.query("BEGIN", logger: PostgresJournal.logger)
        try await slowHost.query("UPDATE purchase SET stage = 'settled' WHERE id = 'slow'", logger: PostgresJournal.logger)

        let slowCommitted = Gate()
        defer { slowCommitted.open() }
        let feed = FeedRecorder(TeamFeed(url: url, journal: bob), from: try await bob.currentChanges(limit: 0).cursor,
                                whenLost: { await slowCommitted.passed() })
        try await alice.recordIntent(PurchaseJournalContract.purchase("quick", at: 2, stage: .created), requestHash: "2",
                                     takingCartLines: [], at: .now)
        try await feed.waitFor("quick", at: "created")
        let numbers = try server.psql(database, "SELECT id, change_seq FROM purchase ORDER BY change_seq")
        #expect(numbers.hasPrefix("slow|"), "the slow change is numbered below the one the feed read: \(numbers)")

        // The feed's connection drops; the slow host commits while the feed is away, so its notification is lost.
        try await slowHost.query("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """, logger: PostgresJournal.logger)
        try await feed.waitUntil("the lost connection") { $0.contains { if case .lost = $0 { true } else { false } } }
        try await slowHost.query("COMMIT", logger: PostgresJournal.logger)
        slowCommitted.open()

        try await feed.waitUntil("listening again") { $0.contains(.resumed) }
        let later = try await TeamFeedTests.journal(server, database, agent: "alice@desk1")
        defer { later.close() }
        try await later.recordIntent(PurchaseJournalContract.purchase("later", at: 3, stage: .created), requestHash: "3",
                                     takingCartLines: [], at: .now)
        try await feed.waitFor("later", at: "created")
        #expect(feed.changes.map { "\($0.purchase.id) \($0.purchase.stage.rawValue)" } == ["quick created", "slow settled", "later created"],
                "\(feed.all)")
        try await slowHost.close()
    }
}
