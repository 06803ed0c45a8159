import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// In team mode `r` and `Y` show or copy nothing until the team's audit has recorded the reveal; a reveal the audit
/// refuses stays masked. Without a team database they act at once, as before.
@Suite struct AuditedRevealTests {
    func teamShowing(_ purchase: Purchase) -> AppState {
        var state = SamplePurchases.showing(purchase)
        state.checkout.auditsReveals = true
        return state
    }

    func recordEffect(_ effects: [Effect]) -> (reveals: [Reveal], then: RevealRequest)? {
        for case .checkout(.recordReveals(let reveals, let then)) in effects { return (reveals, then) }
        return nil
    }

    @Test func rRevealsOnlyOnceTheAuditRecordedIt() throws {
        var state = teamShowing(SamplePurchases.delivered)
        let purchase = SamplePurchases.delivered
        let order = try #require(purchase.orders.first)
        let asked = try #require(recordEffect(reduce(&state, .keyPressed(.character("r")))))
        #expect(asked.reveals == [Reveal(purchaseId: purchase.id, invoiceId: purchase.invoiceId, orderId: order.id, way: .screen)])
        #expect(!render(state).text.contains(SamplePurchases.code), "nothing is shown before the audit answers")
        _ = reduce(&state, .checkout(.revealRecorded(asked.then)))
        #expect(render(state).text.contains(SamplePurchases.code))
        _ = reduce(&state, .keyPressed(.character("r")))
        #expect(!render(state).text.contains(SamplePurchases.code), "r hides again without asking the audit")
    }

    @Test func aRevealTheAuditRefusesStaysMasked() throws {
        var state = teamShowing(SamplePurchases.delivered)
        _ = try #require(recordEffect(reduce(&state, .keyPressed(.character("r")))))
        _ = reduce(&state, .checkout(.revealRefused("The reveal could not be recorded in the team's audit, so the codes stay masked: down")))
        #expect(!render(state).text.contains(SamplePurchases.code))
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.contains("stay masked") == true)
    }

    @Test func yCopiesASecretOnlyOnceRecordedAndAPaymentAddressAtOnce() throws {
        var state = teamShowing(SamplePurchases.delivered)
        let asked = try #require(recordEffect(reduce(&state, .keyPressed(.character("Y")))))
        #expect(asked.reveals.map(\.way) == [.copy])
        #expect(reduce(&state, .checkout(.revealRecorded(asked.then))) == [.copyToClipboard(SamplePurchases.code)])
        #expect(!render(state).text.contains(SamplePurchases.code), "copying never draws the code")

        var paying = teamShowing(SamplePurchases.awaitingBitcoin)
        let effects = reduce(&paying, .keyPressed(.character("Y")))
        #expect(effects.count == 1 && recordEffect(effects) == nil, "a payment address is not a secret: \(effects)")
    }

    @Test func aRecordedRevealForAPurchaseNoLongerOnScreenShowsNothing() throws {
        var state = teamShowing(SamplePurchases.delivered)
        let asked = try #require(recordEffect(reduce(&state, .keyPressed(.character("r")))))
        _ = reduce(&state, .keyPressed(.escape))
        _ = reduce(&state, .checkout(.revealRecorded(asked.then)))
        state.screen = .purchase
        #expect(!render(state).text.contains(SamplePurchases.code))
    }

    @Test func anInvoiceOpenedFromTheAccountRevealsOnceRecorded() throws {
        var state = AccountScreenTests.opened()
        state.checkout.auditsReveals = true
        let invoice = AccountScreenTests.invoices[1]
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .account(.opened(AccountScreenTests.detail(invoice))))
        let asked = try #require(recordEffect(reduce(&state, .keyPressed(.character("r")))))
        #expect(asked.reveals == invoice.orders.map { Reveal(purchaseId: nil, invoiceId: invoice.id, orderId: $0.id, way: .screen) })
        #expect(!state.isAccountRevealed)
        _ = reduce(&state, .checkout(.revealRecorded(asked.then)))
        #expect(state.isAccountRevealed)
    }

    @Test func withoutATeamRRevealsAtOnceAndAsksNothing() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        #expect(reduce(&state, .keyPressed(.character("r"))).isEmpty)
        #expect(render(state).text.contains(SamplePurchases.code))
    }
}
