import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// A purchase made by a listed key over `storefront ssh serve` says whose key bought it, in the journal the
/// server's sessions share.
@Suite struct BuyerKeyTests {
    static let fingerprint = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"

    @Test func anEngineWithABuyerKeyRecordsItOnEachPurchaseAndTheJournalKeepsIt() async throws {
        let stub = StubTransport([Stub.data(NeverBuyTwiceTests.delivered)], fallback: Stub.data(NeverBuyTwiceTests.delivered))
        let journal = try UserDatabase.inMemory()
        let engine = PurchaseEngine(client: stubbedClient(stub, clock: RecordingClock()), journal: journal, source: "api",
                                    buyerKey: Self.fingerprint)
        let placed = try await engine.place(NeverBuyTwiceTests.request)
        #expect(placed.buyerKey == Self.fingerprint)
        let followed = try await engine.follow(placed.id)
        #expect(try journal.purchase(id: followed.id)?.buyerKey == Self.fingerprint, "later writes keep the buyer")
    }

    @Test func aPurchaseMadeAtTheLocalTerminalNamesNoKey() async throws {
        let stub = StubTransport([Stub.data(NeverBuyTwiceTests.delivered)], fallback: Stub.data(NeverBuyTwiceTests.delivered))
        let journal = try UserDatabase.inMemory()
        let engine = PurchaseEngine(client: stubbedClient(stub, clock: RecordingClock()), journal: journal, source: "api")
        let placed = try await engine.place(NeverBuyTwiceTests.request)
        #expect(try journal.purchase(id: placed.id)?.buyerKey == nil)
    }
}
