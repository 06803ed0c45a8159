import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The details a support desk needs at a glance, and one more question before losing a cart line.
@Suite struct SupportDeskDetailsTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func cartWithAPhoneLine() throws -> AppState {
        var state = SampleApp.browsing(width: 80, height: 24)
        try state.cart.add(CartLine(id: "refill", productId: "test-phone-refill", productName: "Test Phone Refill", productType: .phoneRefill,
                                    choice: .value(10), faceValue: "10 USD", unitPrice: 16_667, quantity: 2, phoneNumber: "+4915123456789"))
        state.screen = .cart
        return state
    }

    @Test func dOnACartLineAsksAndOnlyYRemovesIt() throws {
        var state = try cartWithAPhoneLine()
        #expect(press(&state, .character("d")).isEmpty, "nothing is removed or saved yet")
        #expect(state.cart.units == 2)
        #expect(render(state).text.contains("Remove 2 × Test Phone Refill 10 USD for +4915123456789 from the cart?"))
        _ = press(&state, .character("n"))
        #expect(state.overlay == nil && state.cart.units == 2)
        _ = press(&state, .character("d"))
        let effects = press(&state, .character("y"))
        #expect(state.cart.isEmpty)
        #expect(effects == [.saveCart([])])
    }

    @Test func historyShowsTheAmountThePhoneNumberAndMarksAnESIMTopUp() {
        let refill = Purchase(id: "a", createdAt: SampleApp.now, source: "s", kind: .invoice,
                              lines: [PurchaseLine(productId: "test-phone-refill", productName: "Test Phone Refill", faceValue: "10 USD",
                                                   denomination: .value("10"), quantity: 1, phoneNumber: "+4915123456789")],
                              paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-a",
                              payment: PaymentDue(amount: Money(minorUnits: 16_667, currency: .btc)))
        let topUp = Purchase(id: "b", createdAt: SampleApp.now, source: "s", kind: .esim,
                             lines: [PurchaseLine(productId: "test-esim", productName: "Test eSIM", faceValue: "1GB, 7 Days",
                                                  denomination: .label("1GB, 7 Days"), quantity: 1, esimId: "8988247000000000019")],
                             paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-b")
        var state = SampleApp.browsing(width: 120, height: 40)
        _ = press(&state, .character("h"))
        _ = reduce(&state, .checkout(.historyLoaded([refill, topUp], filter: "")))
        let screen = render(state).text
        #expect(screen.contains("0.00016667 BTC"))
        #expect(screen.contains("Test Phone Refill 10 USD for +4915123456789"))
        #expect(screen.contains("eSIM top-up 1GB, 7 Days on 8988247000000000019"))
    }

    @Test func anESIMTopUpFromAnotherPlanIsFlaggedBeforeBuying() {
        var state = ESIMReduceTests().reviewing()
        #expect(!render(state).text.contains("NOT this eSIM's plan"))
        var other = ESIMReduceTests.plan
        other.summary = ProductSummary(id: "airhop-europe", name: "Airhop eSIM Europe", type: .esim, packageValues: ["1GB, 7 Days"])
        state.esim.plan = other
        #expect(render(state).text.contains("NOT this eSIM's plan (test-esim)"))
    }
}
