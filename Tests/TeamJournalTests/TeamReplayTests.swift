import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// Writing a spooled purchase into the team database (`PostgresJournal.replay`): idempotent, and never taking a
/// purchase back to an older state than the team already holds.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamReplayTests {
    let journal: PostgresJournal

    init() async throws {
        let server = try PrivatePostgres.shared()
        journal = try await PostgresJournalContractTests.journal(on: server, database: try server.makeDatabase())
    }

    static func at(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds) }

    @Test func replayingTheSameStateTwiceWritesItOnce() async throws {
        let intent = PurchaseJournalContract.purchase("p1", at: 1, stage: .intent, key: "k1")
        try await journal.recordIntent(intent, requestHash: "h1", takingCartLines: [], at: Self.at(0))
        let settled = PurchaseJournalContract.purchase("p1", at: 1, stage: .settled, invoice: "inv-1", code: "CODE-9", key: "k1")
        #expect(try await journal.replay(settled, requestHash: "", at: Self.at(10)) == true)
        #expect(try await journal.replay(settled, requestHash: "", at: Self.at(10)) == false, "the second replay writes nothing")
        #expect(try await journal.purchase(id: "p1") == settled)
        #expect(try await journal.requestHash(of: "p1") == "h1", "the request hash the team wrote stays")
    }

    @Test func aSettledPurchaseIsNeverTakenBackToAnOlderState() async throws {
        let settled = PurchaseJournalContract.purchase("p2", at: 1, stage: .settled, invoice: "inv-2", code: "CODE-2", key: "k2")
        try await journal.recordIntent(settled, requestHash: "h2", takingCartLines: [], at: Self.at(20))
        let older = PurchaseJournalContract.purchase("p2", at: 1, stage: .created, invoice: "inv-2", key: "k2")
        #expect(try await journal.replay(older, requestHash: "", at: Self.at(10)) == false)
        // Even stamped later (another host's clock ahead), an unfinished state does not replace a settled one.
        #expect(try await journal.replay(older, requestHash: "", at: Self.at(30)) == false)
        #expect(try await journal.purchase(id: "p2") == settled)
    }

    /// Steps decide before clocks: a host whose clock runs behind still brings the purchase further along.
    @Test func aStateFurtherAlongIsWrittenEvenStampedEarlier() async throws {
        var intent = PurchaseJournalContract.purchase("p4", at: 1, stage: .intent, key: "k4")
        intent.timeline = [TimelineEntry(at: Self.at(0), .written)]
        try await journal.recordIntent(intent, requestHash: "h4", takingCartLines: [], at: Self.at(50))
        var created = PurchaseJournalContract.purchase("p4", at: 1, stage: .created, invoice: "inv-4", key: "k4")
        created.timeline = intent.timeline + [TimelineEntry(at: Self.at(1), .created(invoiceId: "inv-4"))]
        #expect(try await journal.replay(created, requestHash: "", at: Self.at(10)) == true)
        #expect(try await journal.purchase(id: "p4")?.stage == .created)
    }

    @Test func aPurchaseTheTeamNeverHeardOfIsInserted() async throws {
        let settled = PurchaseJournalContract.purchase("p3", at: 1, stage: .settled, invoice: "inv-3", code: "CODE-3", key: "k3")
        #expect(try await journal.replay(settled, requestHash: "h3", at: Self.at(5)) == true)
        #expect(try await journal.purchase(idempotencyKey: "k3") == settled)
        #expect(try await journal.replay(settled, requestHash: "h3", at: Self.at(5)) == false)
    }
}
