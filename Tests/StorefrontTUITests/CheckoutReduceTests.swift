import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The checkout in `reduce`: confirming, refund addresses, the cart's fate, masking and presentation mode,
/// resuming and the history.
@Suite struct CheckoutReduceTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    /// The review of a cart of two lines (3 units).
    func reviewing() -> AppState {
        var state = SampleApp.browsing()
        state.cart = Cart(lines: [SamplePurchases.giftCardLine, SamplePurchases.refillLine])
        state.screen = .cart
        _ = press(&state, .character("b"))
        return state
    }

    func placeEffect(_ effects: [Effect]) -> PurchasePlan? {
        for case .checkout(.place(let plan)) in effects { return plan }
        return nil
    }

    @Test func onlyYConfirmsAndEnterNeverBuys() {
        var state = reviewing()
        #expect(state.screen == .review)
        #expect(press(&state, .enter).isEmpty)
        #expect(state.overlay == .confirmPurchase)
        #expect(purchaseSummary(state) == "Buy 3 items for about 0.00050001 BTC from the balance? y/n",
                "a range value's price is the rate's estimate until the invoice states it")
        #expect(press(&state, .enter, .enter).isEmpty, "Enter on the summary does not buy")
        #expect(state.overlay == .confirmPurchase)
        let effects = press(&state, .character("y"))
        let plan = placeEffect(effects)
        #expect(plan?.lines == state.cart.lines)
        #expect(plan?.paymentMethod == .balance)
        #expect(plan?.autoPay == true)
        #expect(plan?.refundAddress == nil)
        #expect(state.overlay == nil)
        #expect(state.checkout.placingLines == state.cart.lines.map(\.id))
        #expect(press(&state, .escape, .character("y")).isEmpty, "nothing changes while the create is in flight")
    }

    @Test func theSameCartBoughtMomentsAgoIsOnlyBoughtAgainOnAnExplicitYes() {
        var state = reviewing()
        _ = press(&state, .enter)
        let plan = placeEffect(press(&state, .character("y")))!
        _ = reduce(&state, .checkout(.placeRefusedAsRepeat("An identical purchase was made 2 min ago (invoice inv-1, settled); nothing was bought now. Buy it again?", plan)))
        #expect(state.checkout.placingLines == nil)
        #expect(state.message?.text.contains("Nothing was bought") == true)
        #expect(press(&state, .enter).isEmpty, "Enter never buys")
        let again = placeEffect(press(&state, .character("y")))
        #expect(again?.again == true)
        #expect(again?.lines == plan.lines)

        _ = reduce(&state, .checkout(.placeRefusedAsRepeat("An identical purchase…", plan)))
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.overlay == nil && state.screen == .review)
    }

    @Test func nOrEscGoBackToTheReview() {
        var state = reviewing()
        _ = press(&state, .enter)
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.overlay == nil && state.screen == .review)
        _ = press(&state, .enter, .escape)
        #expect(state.overlay == nil)
        _ = press(&state, .escape)
        #expect(state.screen == .cart)
    }

    @Test func enterInTheCartOpensTheReviewAndAnEmptyCartSaysSo() {
        var state = SampleApp.browsing()
        state.screen = .cart
        _ = press(&state, .enter)
        #expect(state.screen == .cart)
        #expect(state.message?.text.contains("empty") == true)
        state.cart = Cart(lines: [SamplePurchases.giftCardLine])
        _ = press(&state, .enter)
        #expect(state.screen == .review)
    }

    @Test func aShortBalanceIsRefusedBeforeAnythingIsSent() {
        var state = reviewing()
        state.balance = Money(minorUnits: 10_000, currency: .btc)
        _ = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.checkout.review.error?.contains("short by 0.00040001 BTC") == true)
    }

    /// Picks `method` with → from balance, moves to the refund address and types `address`; then Enter.
    func confirm(_ method: PaymentMethod, refundAddress address: String) -> AppState {
        var state = reviewing()
        let steps = PaymentMethod.knownCases.firstIndex(of: method) ?? 0
        for _ in 0..<steps { _ = press(&state, .right) }
        _ = press(&state, .tab)
        #expect(state.checkout.review.field == .refundAddress)
        _ = type(&state, address)
        _ = press(&state, .enter)
        return state
    }

    @Test(arguments: [
        (PaymentMethod.bitcoin, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", true),
        (.bitcoin, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", true),
        (.bitcoin, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true),
        (.bitcoin, "0x52908400098527886E0F7030069857D2E4169EE7", false),
        (.bitcoin, "bc1qxy2", false),
        (.ethereum, "0x52908400098527886E0F7030069857D2E4169EE7", true),
        (.usdcBase, "0x52908400098527886E0F7030069857D2E4169EE", false),
        (.usdcPolygon, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", false),
        (.usdcSolana, "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV", true),
        (.usdcSolana, "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLt0", false),
        (.lightning, "satoshi@getalby.com", true),
    ])
    func refundAddressesAreCheckedPerMethod(method: PaymentMethod, address: String, valid: Bool) {
        let state = confirm(method, refundAddress: address)
        #expect((state.overlay == .confirmPurchase) == valid, "\(method.rawValue) \(address)")
        #expect((state.checkout.review.error == nil) == valid)
        if valid {
            var confirmed = state
            let plan = placeEffect(press(&confirmed, .character("y")))
            #expect(plan?.paymentMethod == method)
            #expect(plan?.refundAddress == address)
            #expect(plan?.autoPay == false, "auto-pay draws on the balance; it is off for crypto")
        } else {
            #expect(state.checkout.review.field == .refundAddress, "the cursor goes to the field to fix")
        }
    }

    @Test func cryptoAsksForARefundAddressAndBalanceDoesNot() {
        var state = reviewing()
        #expect(state.checkout.review.fields == [.method, .autoPay, .email, .ticket])
        _ = press(&state, .right)
        #expect(state.checkout.review.method == .bitcoin)
        #expect(state.checkout.review.fields == [.method, .refundAddress, .email, .ticket])
        _ = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.checkout.review.error?.contains("refund address") == true)
    }

    @Test func emailIsOptionalButChecked() {
        var state = reviewing()
        _ = press(&state, .tab, .tab)
        #expect(state.checkout.review.field == .email)
        _ = type(&state, "ana@example")
        _ = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.checkout.review.error?.contains("not an email address") == true)
        _ = type(&state, ".com")
        _ = press(&state, .enter)
        #expect(state.overlay == .confirmPurchase)
        #expect(placeEffect(press(&state, .character("y")))?.email == "ana@example.com")
    }

    @Test func autoPayTogglesWithSpace() {
        var state = reviewing()
        _ = press(&state, .tab, .character(" "))
        #expect(state.checkout.review.autoPay == false)
        _ = press(&state, .enter)
        #expect(placeEffect(press(&state, .character("y")))?.autoPay == false)
    }

    /// Reviewed and confirmed: the create is in flight.
    func placing() -> AppState {
        var state = reviewing()
        _ = press(&state, .enter, .character("y"))
        return state
    }

    @Test func aRefusalKeepsTheCartAndSaysWhy() {
        var state = placing()
        var refused = SamplePurchases.following
        refused.stage = .refused
        refused.invoiceId = nil
        refused.problem = "The balance is too low for this purchase"
        let effects = reduce(&state, .checkout(.placed(refused)))
        #expect(effects.isEmpty)
        #expect(state.cart.units == 3)
        #expect(state.screen == .review)
        #expect(state.checkout.placingLines == nil)
        #expect(state.checkout.review.error == "Refused: The balance is too low for this purchase. Nothing was bought; the cart is kept.")
    }

    @Test func theCartIsClearedOnlyOnceTheInvoiceExists() {
        var state = placing()
        let effects = reduce(&state, .checkout(.placed(SamplePurchases.following)))
        #expect(state.cart.isEmpty)
        #expect(effects.contains(.saveCart([])))
        #expect(effects.contains(.checkout(.follow(purchaseId: "p-following"))))
        #expect(state.screen == .purchase)
        #expect(state.checkout.shown?.purchaseId == "p-following")
    }

    @Test func aLostAnswerHoldsTheCartUntilTheInvoiceIsFound() {
        var state = placing()
        var lost = SamplePurchases.following
        lost.stage = .ambiguous
        lost.invoiceId = nil
        lost.problem = "Could not check whether the invoice was created."
        #expect(!reduce(&state, .checkout(.placed(lost))).contains(.saveCart([])))
        #expect(state.cart.units == 3)
        #expect(state.screen == .purchase, "the reconciliation state is shown")
        #expect(render(state).text.contains("Unknown whether the invoice was created"))
        let found = reduce(&state, .checkout(.updated(SamplePurchases.following, follow: nil)))
        #expect(found.contains(.saveCart([])))
        #expect(state.cart.isEmpty)
    }

    /// Issue 19: after a lost create the CLI went on to reconcile and follow, the TUI waited for `n`: the same rule
    /// now decides both, and the TUI checks at once.
    @Test func aLostAnswerIsCheckedAtOnceAsTheCommandLineDoes() {
        var state = placing()
        var lost = SamplePurchases.following
        lost.stage = .ambiguous
        lost.invoiceId = nil
        let effects = reduce(&state, .checkout(.placed(lost)))
        #expect(effects.contains(.checkout(.follow(purchaseId: lost.id))))
    }

    @Test func aLostAnswerProvenNeverCreatedKeepsTheCart() {
        var state = placing()
        var lost = SamplePurchases.following
        lost.stage = .ambiguous
        _ = reduce(&state, .checkout(.placed(lost)))
        lost.stage = .notCreated
        _ = reduce(&state, .checkout(.updated(lost, follow: nil)))
        #expect(state.cart.units == 3)
        #expect(state.checkout.heldLines.isEmpty)
    }

    @Test func codesAreMaskedRevealedWithRAndMaskedAgainAfter30Seconds() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        #expect(!render(state).text.contains(SamplePurchases.code))
        #expect(render(state).text.contains("••••••••3F9K"))
        _ = press(&state, .character("r"))
        #expect(render(state).text.contains(SamplePurchases.code))
        #expect(!render(state).text.contains("QWNV-6WPT-VSKM-77C2"), "only the selected order is revealed")
        _ = reduce(&state, .ticked(SamplePurchases.now.addingTimeInterval(29)))
        #expect(render(state).text.contains(SamplePurchases.code))
        _ = reduce(&state, .ticked(SamplePurchases.now.addingTimeInterval(30)))
        #expect(!render(state).text.contains(SamplePurchases.code))
    }

    @Test func leavingTheScreenMasksAgain() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        _ = press(&state, .character("r"))
        _ = press(&state, .escape)
        #expect(state.screen == .browser)
        state.screen = .purchase
        #expect(!render(state).text.contains(SamplePurchases.code))
    }

    @Test func presentationModeKeepsEverythingMasked() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        _ = press(&state, .character("r"), .character("P"))
        #expect(state.checkout.presenting)
        #expect(!render(state).text.contains(SamplePurchases.code), "turning it on hides what was revealed")
        _ = press(&state, .character("r"))
        #expect(!render(state).text.contains(SamplePurchases.code))
        #expect(state.message?.kind == .error)
        #expect(render(state).text.contains("PRESENTING"))
        _ = press(&state, .character("P"), .character("r"))
        #expect(render(state).text.contains(SamplePurchases.code))
    }

    @Test func copyingSendsTheSelectedValueWithoutRevealingIt() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        #expect(press(&state, .character("Y")) == [.copyToClipboard(SamplePurchases.code)])
        #expect(!render(state).text.contains(SamplePurchases.code))
        #expect(press(&state, .down, .character("Y")) == [.copyToClipboard("4821")])
    }

    @Test func eSIMProfilesAreMaskedAsQRCodesToo() {
        var state = SamplePurchases.showing(SamplePurchases.esim)
        #expect(render(state).text.contains("QR hidden"))
        #expect(render(state).text.contains("press r to reveal"))
        #expect(!render(state).text.contains("SBX-QWNV6-WPTVS"))
        _ = press(&state, .character("r"))
        #expect(!render(state).text.contains("QR hidden"))
        #expect(render(state).text.contains("SBX-QWNV6-WPTVS"))
    }

    @Test func payAndSimulateApplyOnlyWhereTheyMakeSense() {
        var state = SamplePurchases.showing(SamplePurchases.awaitingBitcoin)
        #expect(press(&state, .character("p")).isEmpty)
        #expect(press(&state, .character("s")) == [.checkout(.simulatePayment(purchaseId: "p-bitcoin", invoiceId: "39aa4ece-f746-427c-a821-7491be8cf9fa"))])
        #expect(press(&state, .character("n")) == [.checkout(.checkNow(purchaseId: "p-bitcoin"))])
        state.connection.isSandbox = false
        #expect(press(&state, .character("s")).isEmpty)

        var unpaid = SamplePurchases.following
        unpaid.autoPay = false
        unpaid.paymentStatus = .unpaid
        state = SamplePurchases.showing(unpaid)
        #expect(press(&state, .character("p")) == [.checkout(.pay(purchaseId: "p-following"))])
    }

    @Test func theQRCodesOfAShownPurchaseAreAskedForOnce() {
        var state = SampleApp.browsing()
        state.checkout.purchases["p-bitcoin"] = SamplePurchases.awaitingBitcoin
        let uri = "bitcoin:\(SamplePurchases.address)?amount=0.00033334"
        state.screen = .history
        state.checkout.history.entries = [SamplePurchases.awaitingBitcoin]
        #expect(press(&state, .enter) == [.checkout(.encodeQR(uri))])
        #expect(reduce(&state, .checkout(.updated(SamplePurchases.awaitingBitcoin, follow: nil))).isEmpty)
        _ = reduce(&state, .checkout(.qrEncoded(payload: uri, SamplePurchases.matrix())))
        #expect(state.checkout.qrCodes[uri] == .ready(SamplePurchases.matrix()))
    }

    @Test func settlingReloadsTheBalanceAndSaysWhatCame() {
        var state = SamplePurchases.showing(SamplePurchases.following)
        let effects = reduce(&state, .checkout(.updated(SamplePurchases.delivered.with(id: "p-following"), follow: nil)))
        #expect(effects.contains(.loadBalance))
        #expect(state.message?.text.contains("partly failed") == true)
    }

    @Test func unfinishedPurchasesAreResumedAtStart() {
        var state = SampleApp.browsing()
        #expect(startupEffects(&state).contains(.checkout(.resumeUnfinished)))
        let effects = reduce(&state, .checkout(.resumed([SamplePurchases.following, SamplePurchases.awaitingBitcoin])))
        #expect(effects == [.checkout(.follow(purchaseId: "p-following")), .checkout(.follow(purchaseId: "p-bitcoin"))])
        #expect(state.message?.text.hasPrefix("2 invoices still pending: following them") == true)
        #expect(reduce(&state, .checkout(.resumed([]))).isEmpty)
    }

    @Test func theHistoryFiltersThroughTheJournalAndOpensMasked() {
        var state = SampleApp.browsing()
        #expect(press(&state, .character("h")) == [.checkout(.loadHistory(filter: ""))])
        #expect(state.screen == .history)
        #expect(press(&state, .character("/")).isEmpty)
        #expect(type(&state, "3F9").last == .checkout(.loadHistory(filter: "3F9")))
        _ = reduce(&state, .checkout(.historyLoaded([SamplePurchases.following], filter: "3F")))
        #expect(state.checkout.history.entries.isEmpty, "an answer to an older filter is dropped")
        _ = reduce(&state, .checkout(.historyLoaded([SamplePurchases.delivered], filter: "3F9")))
        _ = press(&state, .enter, .enter)
        #expect(state.screen == .purchase)
        #expect(!state.isRevealed(orderId: "order-1"))
        _ = press(&state, .escape)
        #expect(state.screen == .history)
        _ = press(&state, .escape)
        #expect(state.screen == .browser)
    }
}

extension Purchase {
    func with(id: String) -> Purchase {
        var copy = self
        copy.id = id
        return copy
    }
}
