import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// What the status bar says when the background check (every 15 s) finds purchases no storefront works: each is
/// announced once a session, however many turns find it again, and a storefront that cannot finish them (a lookup
/// agent's) says they wait for a buyer's storefront instead of claiming them.
@Suite struct AbandonedPurchaseReduceTests {
    static func stranded(_ id: String) -> Purchase {
        var purchase = SamplePurchases.awaitingBitcoin
        purchase.id = id
        purchase.invoiceId = "inv-\(id)"
        return purchase
    }

    @Test func aPurchaseTakenUpIsAnnouncedOnceHoweverOftenTheCheckFindsIt() {
        var state = SampleApp.browsing()
        let effects = reduce(&state, .checkout(.takenUp([Self.stranded("a")])))
        #expect(effects == [.checkout(.follow(purchaseId: "a"))])
        #expect(state.message?.text.hasPrefix("Took up 1 invoice no storefront was working on") == true, "\(String(describing: state.message))")

        state.message = nil
        // Its follow stopped (say the API was unreachable) and freed it; the next turn finds it again.
        #expect(reduce(&state, .checkout(.takenUp([Self.stranded("a")]))) == [.checkout(.follow(purchaseId: "a"))], "followed again")
        #expect(state.message == nil, "not announced twice")

        _ = reduce(&state, .checkout(.takenUp([Self.stranded("a"), Self.stranded("b")])))
        #expect(state.message?.text.hasPrefix("Took up 1 invoice no storefront was working on") == true,
                "only the new one is announced: \(String(describing: state.message))")
    }

    @Test func aStorefrontThatCannotBuySaysOnceThatAbandonedPurchasesWaitForABuyer() {
        var state = SampleApp.browsing()
        #expect(reduce(&state, .checkout(.waitingForABuyer([Self.stranded("a"), Self.stranded("b")]))).isEmpty,
                "nothing is followed as if this storefront worked them")
        #expect(state.message?.kind == .info)
        #expect(state.message?.text == "2 invoices no storefront is working on wait for a buyer's storefront: your team role cannot finish them.")

        state.message = nil
        #expect(reduce(&state, .checkout(.waitingForABuyer([Self.stranded("a"), Self.stranded("b")]))).isEmpty)
        #expect(state.message == nil, "said once")
    }
}
