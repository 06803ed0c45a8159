import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The checkout screens at 80x24 and 120x40, as text. Re-record with STOREFRONT_RECORD_SNAPSHOTS=1 (then read them).
@Suite struct CheckoutSnapshotTests {
    func check(_ name: String, _ make: (Int, Int) -> AppState) {
        for (width, height) in ScreenSnapshotTests.sizes {
            assertSnapshot(render(make(width, height)).text, named: "\(name)-\(width)x\(height)")
        }
    }

    func reviewing(width: Int, height: Int) -> AppState {
        var state = SampleApp.browsing(width: width, height: height)
        state.cart = Cart(lines: [SamplePurchases.giftCardLine, SamplePurchases.refillLine])
        state.screen = .review
        return state
    }

    @Test func reviewWithTotalsAndBalanceAfter() {
        check("checkout-review") { reviewing(width: $0, height: $1) }
    }

    @Test func reviewOfACryptoPaymentWithABadRefundAddress() {
        check("checkout-review-crypto") { width, height in
            var state = reviewing(width: width, height: height)
            state.checkout.review.method = .usdcBase
            state.checkout.review.field = .refundAddress
            state.checkout.review.refundAddress = "0x5290840009852788"
            state.checkout.review.error = RefundAddress.problem("0x5290840009852788", for: .usdcBase)
            return state
        }
    }

    @Test func theOneLineSummaryAsksForY() {
        check("checkout-confirm") { width, height in
            var state = reviewing(width: width, height: height)
            state.overlay = .confirmPurchase
            return state
        }
    }

    @Test func followingABalancePurchase() {
        check("checkout-following") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.following, width: width, height: height)
            state.checkout.follows["p-following"] = FollowStatus(nextCheck: SamplePurchases.now.addingTimeInterval(4), requestsLeft: 97, requestLimit: 100)
            return state
        }
    }

    @Test func aBitcoinPaymentWithItsQRCode() {
        check("checkout-bitcoin") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.awaitingBitcoin, width: width, height: height, qrSize: 33)
            state.checkout.follows["p-bitcoin"] = FollowStatus(nextCheck: SamplePurchases.now.addingTimeInterval(8), requestsLeft: 590, requestLimit: 600)
            return state
        }
    }

    @Test func deliveredCodesMasked() {
        check("checkout-delivered-masked") { SamplePurchases.showing(SamplePurchases.delivered, width: $0, height: $1) }
    }

    @Test func deliveredCodesRevealed() {
        check("checkout-delivered-revealed") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.delivered, width: width, height: height)
            _ = reduce(&state, .keyPressed(.character("r")))
            return state
        }
    }

    @Test func anESIMProfileMaskedInPresentationMode() {
        check("checkout-esim-presenting") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.esim, width: width, height: height)
            state.checkout.presenting = true
            state.message = nil
            return state
        }
    }

    @Test func anESIMProfileRevealedInFullBlocks() {
        check("checkout-esim-revealed") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.esim, width: width, height: height)
            state.checkout.qrMode = .full
            _ = reduce(&state, .keyPressed(.character("r")))
            return state
        }
    }

    @Test func historyWithTheUnfinishedOnTop() {
        check("checkout-history") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.screen = .history
            state.checkout.history.entries = [SamplePurchases.awaitingBitcoin, SamplePurchases.following, SamplePurchases.delivered,
                                              SamplePurchases.esim]
            state.checkout.history.selection = 2
            return state
        }
    }

    @Test func helpOnThePurchaseScreen() {
        check("checkout-help") { width, height in
            var state = SamplePurchases.showing(SamplePurchases.delivered, width: width, height: height)
            state.overlay = .help
            return state
        }
    }
}
