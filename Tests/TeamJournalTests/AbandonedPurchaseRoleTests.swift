import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import TeamJournal
import Testing

/// The background check of a running storefront, on the test run's private PostgreSQL, for the two roles: a buyer's
/// takes up a purchase no storefront works; a lookup agent's, which could not finish it, never claims it and says it
/// waits for a buyer's storefront. The check's turns are a `Ticker`'s: no test waits 15 s.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct AbandonedPurchaseRoleTests {
    /// What the check handed over, turn by turn.
    final class Handed: Sendable {
        private let turns = Mutex<[[String]]>([])
        func append(_ purchases: [Purchase]) { turns.withLock { $0.append(purchases.map(\.id)) } }
        var all: [[String]] { turns.withLock { $0 } }
    }

    /// Runs `check` for `count` turns and returns what it handed to take up and what it said waits for a buyer.
    static func turns(_ count: Int, of journal: any PurchaseJournal) async -> (takenUp: [[String]], waiting: [[String]]) {
        let ticker = Ticker()
        let stub = StubTransport([], fallback: Stub.data(TeamDatabaseOutageTests.delivered))
        let check = AbandonedPurchaseCheck(engine: TeamDatabaseOutageTests.engine(stub, journal: journal), sleep: { await ticker.sleep($0) })
        let (takenUp, waiting) = (Handed(), Handed())
        let running = Task { await check.run({ takenUp.append($0) }, waitingForABuyer: { waiting.append($0) }) }
        for _ in 0..<count {
            await ticker.nextSleep()
            ticker.wake()
        }
        await ticker.nextSleep()
        running.cancel()
        await running.value
        return (takenUp.all, waiting.all)
    }

    @Test func aLookupAgentsCheckNeverClaimsAPurchaseAndSaysItWaitsForABuyer() async throws {
        let roles = try TeamRolesTests()
        let owner = try await roles.journal(as: roles.server.user, agent: "alice@desk1")
        defer { owner.close() }
        let name = TeamRolesTests.uniqueName("lookup")
        _ = try await owner.addAgent(name: name, role: .lookup)
        let lookup = try await roles.journal(as: name, agent: "carol@desk3")
        defer { lookup.close() }
        // Alice's host created a bitcoin invoice and was killed: no one holds the purchase.
        try await owner.recordIntent(PurchaseJournalContract.purchase("stranded", at: 1, source: "api", stage: .created, invoice: "inv-s"),
                                     requestHash: "h", takingCartLines: [], at: .now)

        let carols = await Self.turns(2, of: lookup)
        #expect(carols.takenUp.isEmpty, "a storefront that cannot write a purchase does not take it up")
        #expect(carols.waiting == [["stranded"], ["stranded"]], "it is told, each turn, what waits for a buyer")
        #expect(try await owner.lease(of: "stranded") == nil, "still free for a buyer's storefront")

        let alices = await Self.turns(1, of: owner)
        #expect(alices.takenUp == [["stranded"]], "a buyer's storefront takes it up")
        #expect(alices.waiting.isEmpty)
    }
}
