import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The Account screen: the server's invoices from anywhere with `A`, filtered, paged as the user scrolls, one
/// opened with its codes masked until `r`.
@Suite struct AccountScreenTests {
    static let now = SampleApp.now

    static func invoice(_ index: Int, madeHere: Bool = false, phone: String? = nil) -> AccountInvoice {
        let id = String(format: "%08x-5a4b-451c-bd51-9807778eeef9", index)
        return AccountInvoice(
            id: id, createdAt: now.addingTimeInterval(Double(-index) * 3600), status: index % 3 == 0 ? .notDelivered : .allDelivered,
            paymentStatus: index % 3 == 0 ? .unpaid : .paymentConfirmed, paymentMethod: index % 3 == 0 ? .bitcoin : .balance,
            amount: Money(minorUnits: 16_667 * Int64(index + 1), currency: .btc),
            orders: [AccountOrder(id: String(format: "6a2aa65dabde95de17c3%04x", index), invoiceId: id, status: .delivered,
                                  productName: phone == nil ? "Steam USA" : "Test Phone Refill", value: "20 USD", phoneNumber: phone)],
            madeHere: madeHere ? MadeHere(purchaseId: "p-\(index)", operatorName: phone == nil ? nil : "Test Phone Refill") : nil)
    }

    static let invoices = (0..<30).map { invoice($0, madeHere: $0 == 1, phone: $0 == 2 ? "+15551234567" : nil) }

    static func snapshot(_ invoices: [AccountInvoice] = invoices, complete: Bool = false) -> AccountHistorySnapshot {
        AccountHistorySnapshot(invoices: invoices, invoicesComplete: complete, fetchedAt: now,
                               budget: RequestAllowance(limit: 60, remaining: 57, resetAt: now.addingTimeInterval(600)))
    }

    static func detail(_ invoice: AccountInvoice) -> AccountInvoiceDetail {
        AccountInvoiceDetail(invoice: invoice, orders: invoice.orders.map { order in
            PurchaseOrder(id: order.id, productName: order.productName, value: order.value, status: .delivered,
                          redemption: Redemption(code: "STEAM-7H2K-99QX-AT9A", pin: "4417"), phoneNumber: order.phoneNumber)
        })
    }

    static func opened(width: Int = 80, height: Int = 24) -> AppState {
        var state = SampleApp.browsing(width: width, height: height)
        _ = reduce(&state, .keyPressed(.character("A")))
        _ = reduce(&state, .account(.loaded(snapshot(), stillLoading: false)))
        return state
    }

    // MARK: Reduce

    @Test func aFromAnywhereOpensTheAccountFromTheCacheFirst() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.screen = .cart
        let effects = reduce(&state, .keyPressed(.character("A")))
        #expect(state.screen == .account)
        #expect(state.account.returnTo == .cart)
        #expect(state.account.isLoading)
        #expect(effects == [.account(.load(force: false))])
        _ = reduce(&state, .account(.loaded(Self.snapshot(), stillLoading: true)))
        #expect(state.account.invoices.count == 30)
        #expect(state.account.isLoading, "the server is still being read")
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.screen == .cart)
    }

    @Test func theHelpListsTheAccountKey() {
        #expect(Keymap.bindings.contains { $0.command == .openAccount && $0.context == .everywhere && $0.keys == [.character("A")] })
        #expect(Keymap.command(for: .character("A"), in: .purchase) == .openAccount)
        #expect(Keymap.command(for: .character("A"), in: .history) == .openAccount)
    }

    @Test func scrollingNearTheEndAsksForTheNextPageOnce() {
        var state = Self.opened()
        #expect(reduce(&state, .keyPressed(.down)) == [])
        let effects = reduce(&state, .keyPressed(.pageDown))
        #expect(effects == [.account(.loadMore)])
        #expect(reduce(&state, .keyPressed(.down)) == [], "not again while the page is on its way")
        let more = (30..<45).map { Self.invoice($0) }
        _ = reduce(&state, .account(.loaded(Self.snapshot(Self.invoices + more, complete: true), stillLoading: false)))
        #expect(state.account.invoices.count == 45)
        #expect(reduce(&state, .keyPressed(.character("G"))) == [], "complete: nothing more to read")
        #expect(state.account.selection == 44)
    }

    @Test func aFailureKeepsWhatWasLoadedAndStopsAskingForPages() {
        var state = Self.opened()
        _ = reduce(&state, .account(.failed("The API's rate limit stopped reading invoices until 12:40; the list is not complete.", nil)))
        #expect(state.account.invoices.count == 30)
        #expect(state.account.problem?.contains("not complete") == true)
        #expect(reduce(&state, .keyPressed(.character("G"))) == [])
        #expect(reduce(&state, .keyPressed(.character("n"))) == [.account(.load(force: true))])
        #expect(state.account.problem == nil)
    }

    @Test func aReadWaitingForTheBudgetSaysUntilWhen() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.character("n")))
        _ = reduce(&state, .account(.waiting(until: Self.now.addingTimeInterval(240))))
        #expect(render(state).text.contains("Waiting for the API's request budget until"))
        _ = reduce(&state, .account(.loaded(Self.snapshot(), stillLoading: false)))
        #expect(state.account.waitingUntil == nil)
        #expect(!render(state).text.contains("Waiting for"))
    }

    @Test func slashFiltersTheLoadedInvoicesByPhoneNumberWithoutAskingTheServer() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.character("/")))
        var effects: [Effect] = []
        for character in "555 1234" { effects += reduce(&state, .keyPressed(.character(character))) }
        #expect(effects.allSatisfy { $0 != .account(.load(force: false)) })
        #expect(state.account.visible.map(\.id) == [Self.invoices[2].id])
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.account.filter.isEmpty)
        #expect(state.account.visible.count == 30)
    }

    @Test func enterOpensTheInvoiceAndRRevealsItsCodesUntilEsc() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.down))
        let effects = reduce(&state, .keyPressed(.enter))
        #expect(effects == [.account(.open(invoiceId: Self.invoices[1].id))])
        _ = reduce(&state, .account(.opened(Self.detail(Self.invoices[1]))))
        #expect(state.account.detail != nil)
        #expect(!state.isAccountRevealed)
        _ = reduce(&state, .keyPressed(.character("r")))
        #expect(state.isAccountRevealed)
        _ = reduce(&state, .ticked(Self.now.addingTimeInterval(31)))
        #expect(!state.isAccountRevealed, "masked again after 30 s")
        _ = reduce(&state, .keyPressed(.character("r")))
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.account.detail == nil)
        #expect(state.account.revealedUntil == nil)
        #expect(state.screen == .account)
    }

    @Test func presentationModeKeepsTheCodesHidden() {
        var state = Self.opened()
        state.checkout.presenting = true
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .account(.opened(Self.detail(Self.invoices[0]))))
        _ = reduce(&state, .keyPressed(.character("r")))
        #expect(!state.isAccountRevealed)
        #expect(state.message?.text.contains("Presentation mode") == true)
        #expect(!render(state).text.contains("STEAM-7H2K"))
    }

    @Test func anInvoiceMadeHereNamesItsPurchaseAndOperator() {
        var state = Self.opened()
        state.account.selection = 1
        _ = reduce(&state, .keyPressed(.enter))
        var made = Self.invoices[1]
        made.madeHere = MadeHere(purchaseId: "p-1", operatorName: "Vodafone Italy")
        _ = reduce(&state, .account(.opened(Self.detail(made))))
        let screen = render(state).text
        #expect(screen.contains("Made here      purchase p-1"))
        #expect(screen.contains("Operator       Vodafone Italy"))
    }

    @Test func anAnswerForAnotherInvoiceIsDropped() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .account(.opened(Self.detail(Self.invoices[5]))))
        #expect(state.account.detail == nil)
    }

    // MARK: Snapshots

    @Test func accountListSnapshot() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.down))
        assertSnapshot(render(state).text, named: "account-list-80x24")
    }

    @Test func accountStoppedByTheRateLimitSnapshot() {
        var state = Self.opened()
        var spent = Self.snapshot(Array(Self.invoices.prefix(12)))
        spent.budget = RequestAllowance(limit: 60, remaining: 0, resetAt: Self.now.addingTimeInterval(1200))
        _ = reduce(&state, .account(.failed("The API's rate limit stopped reading invoices; the list is not complete.", spent)))
        let screen = render(state).text
        #expect(screen.contains("not complete") && screen.contains("0/60 requests left until"))
        #expect(screen.contains("12+ invoices"), "a partial list never reads as the whole account")
        assertSnapshot(screen, named: "account-rate-limited-80x24")
    }

    @Test func accountFilteredSnapshot() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.character("/")))
        for character in "steam 00000001" { _ = reduce(&state, .keyPressed(.character(character))) }
        assertSnapshot(render(state).text, named: "account-filtered-80x24")
    }

    @Test func accountInvoiceMaskedAndRevealedSnapshots() {
        var state = Self.opened()
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.down))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .account(.opened(Self.detail(Self.invoices[2]))))
        let masked = render(state).text
        #expect(!masked.contains("STEAM-7H2K"))
        assertSnapshot(masked, named: "account-invoice-masked-80x24")
        _ = reduce(&state, .keyPressed(.character("r")))
        let revealed = render(state).text
        #expect(revealed.contains("STEAM-7H2K-99QX-AT9A"))
        assertSnapshot(revealed, named: "account-invoice-revealed-80x24")
    }
}
