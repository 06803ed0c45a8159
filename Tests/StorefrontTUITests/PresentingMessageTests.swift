import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// While presenting, the screen offers no key that presentation mode refuses: a delivery does not say
/// "r reveals them for 30 s".
@Suite struct PresentingMessageTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    /// The two gift cards delivered, codes and all.
    var allDelivered: Purchase {
        var purchase = SamplePurchases.delivered
        purchase.orders.removeLast()
        purchase.invoiceStatus = .allDelivered
        return purchase
    }

    @Test func whilePresentingADeliveryDoesNotOfferToRevealTheCodes() {
        var following = SamplePurchases.following
        following.id = allDelivered.id
        var state = SamplePurchases.showing(following)
        _ = press(&state, .character("P"))
        _ = reduce(&state, .checkout(.updated(allDelivered, follow: nil)))
        let screen = render(state).text
        #expect(screen.contains(" Delivered."), "\(screen)")
        #expect(!screen.contains("r reveals"), "\(screen)")
    }

    @Test func outsidePresentationADeliverySaysHowToRevealTheCodes() {
        var following = SamplePurchases.following
        following.id = allDelivered.id
        var state = SamplePurchases.showing(following)
        _ = reduce(&state, .checkout(.updated(allDelivered, follow: nil)))
        #expect(render(state).text.contains("r reveals them for 30 s"))
    }
}
