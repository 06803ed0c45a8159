import Foundation
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// A failed order's refund says where it goes: the refund address of a crypto purchase, or the balance.
@Suite struct RefundDestinationTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    /// The text of the screen with its borders and line breaks taken out, so a value wrapped over rows reads whole.
    func flattened(_ state: AppState) -> String {
        render(state).text.split(separator: "\n").map { line in
            line.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces)
        }.joined()
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func aFailedCryptoOrderShowsTheAddressItsRefundGoesTo(width: Int, height: Int) {
        var purchase = SamplePurchases.delivered
        purchase.paymentMethod = .bitcoin
        purchase.autoPay = false
        purchase.refundAddress = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
        var state = SamplePurchases.showing(purchase, width: width, height: height)
        _ = press(&state, .end)
        let screen = flattened(state)
        #expect(screen.contains("0.00016667 BTC"))
        #expect(screen.contains("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"), "\(render(state).text)")
    }

    @Test func theReceiptSaysWhereAFailedOrdersRefundWent() {
        var purchase = SamplePurchases.delivered
        purchase.paymentMethod = .bitcoin
        purchase.refundAddress = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
        let text = Receipt.text(for: purchase) { _ in nil }
        #expect(text.contains("Refunded      0.00016667 BTC\n  Refunded to   bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"), "\(text)")
    }

    @Test func aFailedOrderPaidFromTheBalanceSaysItsRefundGoesBackThere() {
        let state = SamplePurchases.showing(SamplePurchases.delivered, width: 120, height: 40)
        #expect(flattened(state).contains("Refund to      the account balance"), "\(render(state).text)")
    }
}
