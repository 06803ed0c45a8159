import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The eSIM top-up screen in `reduce`: ICCIDs refused before any request, the look-up, the plan and bundle
/// choice, the review, the checkout hand-over, and the eSIM read again after the purchase settles.
@Suite struct ESIMReduceTests {
    static let iccid = "8988247000000000019"

    static let esim = ESIMDetails(iccid: iccid, planId: "test-esim", installed: true, smdpAddress: "smdp.sandbox.example",
                                  bundles: [ESIMBundleUsage(name: "3GB, 30 Days", dataMB: 3000, status: "active", remainingBytes: 2_147_483_648)])

    static let owned = [
        esim,
        ESIMDetails(iccid: "8988247000000000027", planId: "test-esim", installed: true,
                    bundles: [ESIMBundleUsage(name: "1GB, 7 Days", dataMB: 1000, status: "depleted", remainingBytes: 0)]),
    ]

    static let plans = [
        ProductSummary(id: "airhop-europe", name: "Airhop eSIM Europe", type: .esim, packageValues: ["1GB, 7 Days"]),
        ProductSummary(id: "test-esim", name: "Test eSIM", type: .esim, packageValues: ["1GB, 7 Days", "3GB, 30 Days"]),
    ]

    static let plan = ProductDetail(
        summary: plans[1], typeBasis: .declared,
        denominations: Denominations(packages: [PackageOption(id: "test-esim<&>1GB, 7 Days", value: "1GB, 7 Days", price: 1_667),
                                                PackageOption(id: "test-esim<&>3GB, 30 Days", value: "3GB, 30 Days", price: 5_001)]),
        priceCurrency: "BTC", firstSeen: SampleApp.now, updated: SampleApp.now)

    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    /// The eSIM screen opened from the browser, the account's eSIMs and the plans read.
    func opened() -> AppState {
        var state = SampleApp.browsing()
        _ = press(&state, .character("e"))
        _ = reduce(&state, .esim(.ownedLoaded(Self.owned)))
        _ = reduce(&state, .esim(.plansLoaded(Self.plans)))
        return state
    }

    /// At the review of a 3GB top-up of the active eSIM.
    func reviewing() -> AppState {
        var state = opened()
        _ = type(&state, Self.iccid)
        _ = press(&state, .enter)
        _ = reduce(&state, .esim(.loaded(Self.esim)))
        _ = press(&state, .character("t"), .enter)
        _ = reduce(&state, .esim(.planLoaded(Self.plan)))
        _ = press(&state, .down, .enter)
        return state
    }

    func purchase(_ id: String, stage: PurchaseStage, orders: [PurchaseOrder] = []) -> Purchase {
        Purchase(id: id, createdAt: SampleApp.now, source: "sandbox", kind: .esim,
                 lines: [PurchaseLine(productId: "test-esim", productName: "Test eSIM", faceValue: "3GB, 30 Days",
                                      denomination: .label("3GB, 30 Days"), quantity: 1, esimId: Self.iccid)],
                 paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: "inv-1",
                 invoiceStatus: stage == .settled ? .allDelivered : .notDelivered, orders: orders)
    }

    @Test func eOpensTheScreenFromAnywhereAndReadsTheAccountsESIMs() {
        var state = SampleApp.browsing()
        state.screen = .cart
        let effects = press(&state, .character("e"))
        #expect(state.screen == .esim)
        #expect(state.esim.step == .lookup)
        #expect(effects == [.esim(.loadPlans), .esim(.loadOwned)])
        #expect(press(&state, .escape).isEmpty)
        #expect(state.screen == .cart, "Esc on an empty field goes back where e was pressed")
    }

    @Test(arguments: [
        ("89882470000000000O9", "\"O\" is not one"),
        ("898824700000000000191", "19 or 20 digits; this has 21"),
        ("8988247000000000018", "check digit"),
    ])
    func aWrongICCIDIsRefusedBeforeAnyRequest(text: String, problem: String) {
        var state = opened()
        _ = type(&state, text)
        #expect(press(&state, .enter).isEmpty, "nothing is sent")
        #expect(state.esim.error?.contains(problem) == true, "\(state.esim.error ?? "no error")")
        #expect(state.esim.step == .lookup)
    }

    @Test func aPastedICCIDWithSpacesAndDashesIsLookedUp() {
        var state = opened()
        _ = type(&state, " 8988-2470 0000-0000 019 ")
        #expect(press(&state, .enter) == [.esim(.lookUp(iccid: Self.iccid))])
        #expect(state.esim.loading == Self.iccid)
    }

    @Test func aFewLastDigitsFindTheESIMInTheAccountsList() {
        var state = opened()
        _ = type(&state, "0027")
        #expect(state.esim.visibleOwned.map(\.iccid) == ["8988247000000000027"])
        #expect(press(&state, .enter) == [.esim(.lookUp(iccid: "8988247000000000027"))])
        var none = opened()
        _ = type(&none, "555")
        #expect(press(&none, .enter).isEmpty)
        #expect(none.esim.error?.contains("No eSIM of this account ends in 555") == true)
    }

    @Test func anUnknownICCIDSaysSo() {
        var state = opened()
        _ = type(&state, "8988247999999999992")
        _ = press(&state, .enter)
        _ = reduce(&state, .esim(.notFound(iccid: "8988247999999999992")))
        #expect(state.esim.loading == nil)
        #expect(state.esim.step == .lookup)
        #expect(state.esim.error?.hasPrefix("No eSIM 8988247999999999992 on this account") == true)
    }

    @Test func theESIMsOwnPlanComesFirstAndItsBundlesAreReviewed() {
        var state = opened()
        _ = type(&state, Self.iccid)
        _ = press(&state, .enter)
        _ = reduce(&state, .esim(.loaded(Self.esim)))
        #expect(state.esim.step == .details)
        #expect(press(&state, .character("t")) == [.esim(.loadPlans)])
        #expect(state.esim.visiblePlans.map(\.id) == ["test-esim", "airhop-europe"])
        #expect(press(&state, .enter) == [.esim(.loadPlan(id: "test-esim"))])
        _ = reduce(&state, .esim(.planLoaded(Self.plan)))
        #expect(state.esim.step == .bundles)
        _ = press(&state, .down, .enter)
        #expect(state.esim.step == .review)
        #expect(state.esim.selectedPackage?.value == "3GB, 30 Days")
        let screen = render(state).text
        #expect(screen.contains("8988247000000000019"), "the ICCID in full")
        #expect(screen.contains("ends in 0019"))
    }

    /// Issue 18, item 13: `/` on a kept plan filter starts a new one.
    @Test func slashOnAKeptPlanFilterStartsANewOne() {
        var state = opened()
        _ = type(&state, Self.iccid)
        _ = press(&state, .enter)
        _ = reduce(&state, .esim(.loaded(Self.esim)))
        _ = press(&state, .character("t"))
        _ = type(&state, "/airhop")
        _ = press(&state, .enter)
        #expect(state.esim.visiblePlans.map(\.id) == ["airhop-europe"])
        _ = type(&state, "/test")
        #expect(state.esim.planFilter == "test")
        #expect(state.esim.visiblePlans.map(\.id) == ["test-esim"])
    }

    @Test func onlyYTopsUpThroughTheCheckoutLeavingTheCartAlone() throws {
        var state = reviewing()
        state.cart = Cart(lines: [SamplePurchases.giftCardLine])
        #expect(press(&state, .enter).isEmpty, "Enter never buys")
        let effects = press(&state, .character("y"))
        guard case .checkout(.place(let plan)) = try #require(effects.first) else { Issue.record("no place: \(effects)"); return }
        #expect(plan.paymentMethod == .balance && plan.autoPay)
        let line = try #require(plan.lines.first)
        #expect(plan.lines.count == 1)
        #expect(line.esimId == Self.iccid)
        #expect(line.productType == .esim && line.productId == "test-esim" && line.faceValue == "3GB, 30 Days")
        #expect(state.checkout.placingLines == [], "no cart line is being bought")
        #expect(press(&state, .character("y")).isEmpty, "a second y sends nothing")

        _ = reduce(&state, .checkout(.placed(purchase("p1", stage: .created))))
        #expect(state.screen == .purchase)
        #expect(state.checkout.shown?.returnTo == .esim, "Esc from the purchase goes back to the eSIM")
        #expect(state.cart.lines == [SamplePurchases.giftCardLine])
    }

    @Test func afterDeliveryTheESIMIsReadAgainAndTheNewBundleShown() {
        var state = reviewing()
        _ = press(&state, .character("y"))
        _ = reduce(&state, .checkout(.placed(purchase("p1", stage: .created))))
        let delivered = purchase("p1", stage: .settled, orders: [PurchaseOrder(id: "o1", status: .delivered, esimId: Self.iccid)])
        let effects = reduce(&state, .checkout(.updated(delivered, follow: nil)))
        #expect(effects.contains(.esim(.lookUp(iccid: Self.iccid))))
        #expect(!reduce(&state, .checkout(.updated(delivered, follow: nil))).contains(.esim(.lookUp(iccid: Self.iccid))), "read once")

        var after = Self.esim
        after.bundles.append(ESIMBundleUsage(name: "3GB, 30 Days", dataMB: 3000, status: "queued", remainingBytes: 3_000_000_000))
        _ = reduce(&state, .esim(.loaded(after)))
        #expect(state.screen == .esim)
        #expect(state.esim.step == .details)
        #expect(state.esim.newBundlesFrom == 1)
        #expect(state.esim.topUp == nil)
        #expect(state.esim.notice?.kind == .success)
        #expect(state.message?.text.hasPrefix("Top-up delivered: 3GB, 30 Days on eSIM …0019") == true)
        let screen = render(state).text
        #expect(screen.contains("queued") && screen.contains("new"))
        #expect(screen.contains("5.15 GB"), "data left counts the queued bundle")
    }

    @Test func theTopUpMessageGoesOnceAnotherESIMIsShown() {
        var state = reviewing()
        _ = press(&state, .character("y"))
        _ = reduce(&state, .checkout(.placed(purchase("p1", stage: .created))))
        let delivered = purchase("p1", stage: .settled, orders: [PurchaseOrder(id: "o1", status: .delivered, esimId: Self.iccid)])
        _ = reduce(&state, .checkout(.updated(delivered, follow: nil)))
        _ = reduce(&state, .esim(.loaded(Self.esim)))
        #expect(state.message?.text.contains("…0019") == true)
        _ = press(&state, .escape, .escape)
        #expect(state.esim.step == .lookup && state.esim.iccidText.isEmpty)
        _ = type(&state, Self.owned[1].iccid)
        _ = press(&state, .enter)
        _ = reduce(&state, .esim(.loaded(Self.owned[1])))
        #expect(state.esim.esim?.iccid == Self.owned[1].iccid)
        #expect(state.message == nil, "the message about …0019 does not stay under …0027")
    }

    @Test func aFailedTopUpShowsItsRefundAndLeavesTheESIMUnchanged() {
        var state = reviewing()
        _ = press(&state, .character("y"))
        _ = reduce(&state, .checkout(.placed(purchase("p1", stage: .created))))
        var failed = purchase("p1", stage: .settled, orders: [PurchaseOrder(id: "o1", status: .refunded, refund: Money(minorUnits: 5001, currency: .btc))])
        failed.invoiceStatus = .notDelivered
        _ = reduce(&state, .checkout(.updated(failed, follow: nil)))
        _ = reduce(&state, .esim(.loaded(Self.esim)))
        #expect(state.screen == .purchase, "the purchase screen, with the refund, stays")
        #expect(state.message?.text.contains("0.00005001 BTC refunded") == true, "\(state.message?.text ?? "")")
        #expect(state.message?.text.contains("Esc returns to it") == true)
        #expect(state.esim.newBundlesFrom == nil)
        #expect(state.esim.notice?.kind == .error)
        _ = press(&state, .escape)
        #expect(state.screen == .esim)
        #expect(render(state).text.contains("nothing was added to this eSIM"))
    }

    @Test func aRefusedTopUpIsReportedOnTheESIMScreen() {
        var state = reviewing()
        _ = press(&state, .character("y"))
        var refused = purchase("p1", stage: .refused)
        refused.problem = "Insufficient balance"
        _ = reduce(&state, .checkout(.placed(refused)))
        #expect(state.screen == .esim)
        #expect(state.esim.topUp == nil)
        #expect(state.esim.error == "Refused: Insufficient balance. Nothing was bought.")
        #expect(state.checkout.review.error == nil, "the cart's review had nothing to do with it")
    }

    @Test func aShortBalanceIsRefusedBeforeAnyRequest() {
        var state = reviewing()
        state.balance = Money(minorUnits: 1_000, currency: .btc)
        #expect(press(&state, .character("y")).isEmpty)
        #expect(state.esim.error?.hasPrefix("The balance is short by 0.00004001 BTC") == true)
        #expect(state.esim.topUp == nil)
    }

    @Test func dataIsShownInHumanUnits() {
        #expect(DataAmount.format(bytes: 0) == "0 MB")
        #expect(DataAmount.format(bytes: 999) == "< 1 MB")
        #expect(DataAmount.format(bytes: 852_516_352) == "853 MB")
        #expect(DataAmount.format(bytes: 2_147_483_648) == "2.15 GB")
        #expect(DataAmount.format(bytes: 3_000_000_000) == "3 GB")
        #expect(DataAmount.format(bytes: 7_500_000_000) == "7.5 GB")
        #expect(DataAmount.format(bytes: 12_340_000_000) == "12.3 GB")
        #expect(DataAmount.format(megabytes: 50_000) == "50 GB")
        let expired = ESIMBundleUsage(name: "3GB, 30 Days", dataMB: 3000, status: "expired", remainingBytes: 1_200_000_000)
        #expect(expired.usedText == "1.8 GB")
        #expect(expired.remainingText == "1.2 GB (lost)")
        #expect(!expired.isUsable)
    }
}
