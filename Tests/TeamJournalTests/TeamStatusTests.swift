import Checkout
import Foundation
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// `storefront team status` names the host holding each purchase in flight, on the test run's private PostgreSQL:
/// a support person sees at once whether someone is working a purchase or it waits for `storefront resume`. A lease
/// of length 0 has run out by the next statement, so no case waits for a clock.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamStatusTests {
    typealias Contract = PurchaseJournalContract

    @Test func eachPurchaseInFlightNamesTheHostHoldingItOrSaysResumeTakesItUp() async throws {
        let server = try PrivatePostgres.shared()
        let journal = try await PostgresJournalContractTests.journal(on: server, database: try server.makeDatabase())
        defer { journal.close() }
        _ = try await journal.recordIntent(Contract.purchase("held", at: 1, stage: .created, invoice: "inv-held", agent: "alice@desk2"),
                                       requestHash: "a", takingCartLines: [], at: .now, leasedTo: "alice@desk2 pid 4242", for: 30)
        _ = try await journal.recordIntent(Contract.purchase("lapsed", at: 2, stage: .created, invoice: "inv-lapsed", agent: "bob@desk3"),
                                       requestHash: "b", takingCartLines: [], at: .now, leasedTo: "bob@desk3 pid 77", for: 0)
        try await journal.recordIntent(Contract.purchase("free", at: 3, stage: .created, invoice: "inv-free", agent: "carol@desk4"),
                                       requestHash: "c", takingCartLines: [], at: .now)
        _ = try await journal.recordIntent(Contract.purchase("done", at: 4, stage: .settled, invoice: "inv-done"), requestHash: "d",
                                       takingCartLines: [], at: .now, leasedTo: "dan@desk5 pid 9", for: 30)

        let inFlight = try await journal.status().inFlight
        #expect(inFlight.map(\.invoiceId) == ["inv-held", "inv-lapsed", "inv-free"], "oldest first; a settled purchase is not in flight")
        let held = try #require(inFlight.first)
        #expect(held.leaseHolder == "alice@desk2 pid 4242")
        let left = try #require(held.leaseSecondsLeft)
        #expect((1...30).contains(left), "counted by the database's clock: \(left)")
        #expect(held.holding == "held by alice@desk2 pid 4242, lease \(left) s left")
        #expect(inFlight[1].holding == "no host holds it (the lease of bob@desk3 pid 77 ran out): `storefront resume` takes it up")
        #expect(inFlight[2].holding == "no host holds it: `storefront resume` takes it up")
    }
}
