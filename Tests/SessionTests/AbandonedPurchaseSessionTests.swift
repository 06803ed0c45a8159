import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// A running full-screen storefront takes up, at its next background check, a purchase no storefront works any more:
/// another storefront on this data directory created a bitcoin invoice and stopped (its lease is free).
@Suite struct AbandonedPurchaseSessionTests {
    @Test func aPurchaseNoStorefrontWorksIsTakenUpAtTheNextCheck() async throws {
        let turns = Ticker()
        let store = try await HeadlessStorefront.start(abandonedCheckSleep: { await turns.sleep($0) })
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        #expect(await turns.nextSleep() <= 15, "the check runs from the start")

        let other = store.connection.purchaseEngine(journal: try UserDatabase.open(at: store.dataDirectory.file(UserDatabase.fileName)))
        let line = PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card Code", faceValue: "10 USD",
                                denomination: .value("10"), quantity: 1)
        let stranded = try await other.place(CheckoutRequest(lines: [line], paymentMethod: .bitcoin,
                                                             refundAddress: BuyingSessionTests.refundAddress))
        #expect(stranded.stage == .created)
        #expect(try store.userData.lease(of: stranded.id) == nil, "the other storefront stopped: nobody works it")

        turns.wake()
        try await store.waitFor("Took up 1 invoice no storefront was working on")
        // The message comes first, then the follow it asks for takes the lease: wait for that event.
        let deadline = Date().addingTimeInterval(60)
        while try store.userData.lease(of: stranded.id) == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try store.userData.lease(of: stranded.id)?.holder == LeaseTerms.thisProcess, "this storefront follows it now")
        try await store.quit()
        #expect(try store.userData.lease(of: stranded.id) == nil, "released when the storefront quits")
    }
}
