import Foundation
import StorefrontDomain
import Testing

/// The cart a purchase was made from, when the program stops between the create and its answer.
@Suite struct CartAfterRestartTests {
    /// Issue 18, finding 1: `b` Enter `y`, then `kill -9`; the next start resumed the purchase to delivery, but
    /// the bought line was still in the cart (`Cart 1/20`), inviting a second purchase.
    @Test func aPurchaseCutOffAfterItsCreateAndDeliveredOnRestartLeavesTheCart() async throws {
        let directory = HeadlessStorefront.newDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory.url) }
        let withheld = AnswerWithheld()
        let first = try await HeadlessStorefront.start(dataDirectory: directory, transport: withheld.transport())
        try await BuyingSessionTests().reviewTestGiftCard(first)
        first.keys(.enter)
        try await first.waitFor("from the balance? y/n")
        first.keys(.character("y"))
        _ = try await first.waitUntil("the server made the invoice") { _ in withheld.withheldCount == 1 }
        try await first.quit()

        let second = try await HeadlessStorefront.start(dataDirectory: directory)
        _ = try? await second.waitUntil("the resumed purchase is found on the server", timeout: .seconds(60)) { _ in
            (try? second.userData.purchases().first.map { PurchaseStage.bought.contains($0.stage) }) == true
        }
        let purchase = try #require(try second.userData.purchases().first)
        #expect(PurchaseStage.bought.contains(purchase.stage), "\(purchase.stage) \(purchase.problem ?? "") \(purchase.timeline.map(\.text))")
        try await second.waitFor("Cart 0/20")
        let outcome = try await second.quit()
        #expect(outcome.finalState.cart.lines.isEmpty, "the bought line left the cart")
        #expect(try second.userData.loadCart().lines.isEmpty, "and the saved cart")
        #expect(try second.userData.purchases().count == 1, "bought once")
    }
}
