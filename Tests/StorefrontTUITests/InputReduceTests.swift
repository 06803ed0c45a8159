import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// Issue 11 in `reduce`: what is typed is what is taken, the selection stays on its product, messages belong
/// to the screen they were made on, and the keys help lists work in every pane.
@Suite struct InputReduceTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    func form(_ state: AppState) -> AddToCartForm? {
        guard case .addToCart(let form) = state.overlay else { return nil }
        return form
    }

    static func line(_ id: String, quantity: Int, phone: String? = nil, name: String = "Café Müller") -> CartLine {
        CartLine(id: id, productId: "p-\(id)", productName: name, productType: phone == nil ? .giftCard : .phoneRefill,
                 choice: .value(10), faceValue: "10 EUR", unitPrice: 18_000, quantity: quantity, phoneNumber: phone)
    }

    /// The add dialog of Café Müller, on its quantity field, with `units` already in the cart.
    func quantityField(cartUnits: Int) -> AppState {
        var state = SampleApp.browsing()
        if cartUnits > 0 { _ = reduce(&state, .cartLoaded([Self.line("x", quantity: cartUnits)])) }
        _ = press(&state, .character("a"), .tab)
        return state
    }

    // MARK: 1. Quantity

    @Test func theQuantityFieldTakesTwoDigitsAsTyped() {
        var state = quantityField(cartUnits: 0)
        _ = type(&state, "12")
        #expect(form(state)?.quantity == 12)
        _ = press(&state, .backspace, .backspace)
        _ = type(&state, "19")
        #expect(form(state)?.quantity == 19)
        #expect(form(state)?.error == nil)
        _ = press(&state, .enter)
        #expect(state.cart.units == 19)
    }

    @Test func aQuantityOverTheRoomLeftIsRefusedWithAMessageNotChanged() {
        var state = quantityField(cartUnits: 12)
        _ = type(&state, "15")
        #expect(form(state)?.quantity == 15)
        #expect(form(state)?.error?.contains("room for 8") == true)
        _ = press(&state, .enter)
        #expect(state.cart.units == 12, "nothing is added")
        #expect(form(state)?.quantity == 15, "the typed value is not changed")
    }

    @Test func sevenThenThreeIsSeventyThreeAndRefused() {
        var state = quantityField(cartUnits: 0)
        _ = type(&state, "73")
        #expect(form(state)?.quantity == 73)
        #expect(form(state)?.error?.contains("at most 20 units") == true)
        _ = press(&state, .enter)
        #expect(state.cart.isEmpty)
    }

    // MARK: 2. Selection

    static let newcomer = ProductSummary(id: "aero-cellular", name: "Aero Cellular", type: .phoneRefill, countryCode: "DE",
                                         countryName: "Germany", currency: "EUR", range: ValueRange(min: 5, max: 50, step: 5))

    @Test func theSelectionFollowsTheProductWhenTheFirstFillAddsRowsAboveIt() throws {
        var state = SampleApp.browsing()
        _ = press(&state, .down, .down)
        #expect(state.browser.selectedProduct?.id == "uniqlo-jp")
        var progress = RefreshProgress(startedAt: SampleApp.now)
        progress.productsAvailable = 6_000
        let effects = reduce(&state, .refreshProgressed(progress))
        guard case .queryProducts(let query)? = effects.last else { Issue.record("no requery"); return }
        let page = ProductPage(items: [Self.newcomer] + SampleApp.products, totalCount: 5, offset: 0)
        let loaded = reduce(&state, .productsLoaded(page, for: query))
        #expect(state.browser.selectedProduct?.id == "uniqlo-jp")
        #expect(state.browser.selection == 3)
        #expect(!loaded.contains(.loadDetail(productId: "test-phone-refill")))
    }

    /// Seen in a whole session: at the end of the first fill the bar's product sorted beyond the first page
    /// read again, and the bar fell to the top ("Aero Cellular").
    @Test func theSelectionFollowsTheProductWhenTheFillPushesItBeyondThePageRead() throws {
        var state = SampleApp.browsing()
        _ = press(&state, .down, .down)
        let chosen = try #require(state.browser.selectedProduct)
        var progress = RefreshProgress(startedAt: SampleApp.now)
        progress.productsAvailable = 6_000
        progress.phase = .finished(RefreshSummary(pages: 9, productsListed: 401, added: 401))
        guard case .queryProducts(let query)? = reduce(&state, .refreshProgressed(progress)).last else { Issue.record("no requery"); return }
        let others = (0..<400).map { ProductSummary(id: "p\($0)", name: "Aa \($0)", type: .giftCard, countryCode: "DE", currency: "EUR", packageValues: ["10"]) }
        let limit = try #require(query.limit)
        let firstPage = ProductPage(items: Array(others.prefix(limit)), totalCount: 401, offset: 0)
        let effects = reduce(&state, .productsLoaded(firstPage, for: query))
        #expect(state.browser.selectedProduct?.id == chosen.id, "the bar stays until its product is found")
        guard case .queryProducts(let wider)? = effects.last else { Issue.record("the list is read further"); return }
        #expect((wider.limit ?? 0) > limit)
        let sorted = Array(others.prefix(300)) + [chosen] + Array(others.dropFirst(300))
        let widerPage = ProductPage(items: Array(sorted.prefix(wider.limit ?? 401)), totalCount: 401, offset: 0)
        _ = reduce(&state, .productsLoaded(widerPage, for: wider))
        #expect(state.browser.selectedProduct?.id == chosen.id)
        #expect(state.browser.selection == 300)
    }

    /// Seen on a first start: the first page written began at "Airhop eSIM Africa", the bar rested there, and
    /// the "Aero…" rows written later stayed above the top of the list until a key moved it.
    @Test func untilTheBarIsMovedTheFirstFillShowsTheListFromItsFirstProduct() throws {
        var state = SampleApp.browsing(width: 80, height: 24)
        var progress = RefreshProgress(startedAt: SampleApp.now)
        progress.productsAvailable = 6_000
        guard case .queryProducts(let query)? = reduce(&state, .refreshProgressed(progress)).last else { Issue.record("no requery"); return }
        let page = ProductPage(items: [Self.newcomer] + SampleApp.products, totalCount: 5, offset: 0)
        let loaded = reduce(&state, .productsLoaded(page, for: query))
        #expect(state.browser.scroll == 0)
        #expect(state.browser.selection == 0)
        #expect(loaded == [.loadDetail(productId: "aero-cellular")])
        #expect(render(state).text.split(separator: "\n")[3].contains("Aero Cellular"))
    }

    /// "All countries" says how many products the list holds without a country chosen, not the sum of the
    /// countries' counts (an eSIM plan counts in every country it covers).
    @Test func allCountriesShowsTheCountOfTheListOnEveryTab() {
        var state = SampleApp.browsing(width: 80, height: 24)
        _ = reduce(&state, .countriesLoaded(SampleApp.countries, totals: CatalogTotals(byType: [.giftCard: 400, .esim: 27], all: 5_008)))
        func allCountriesRow() -> String {
            render(state).text.split(separator: "\n").first { $0.hasPrefix("│All countries") }.map(String.init) ?? ""
        }
        #expect(allCountriesRow().contains(" 5,008│"), "\(allCountriesRow())")
        _ = reduce(&state, .keyPressed(.character("4")))
        #expect(allCountriesRow().contains(" 27│"), "\(allCountriesRow())")
    }

    @Test func theSelectionFollowsTheProductAcrossANewSearch() {
        var state = SampleApp.browsing()
        _ = press(&state, .down)
        _ = press(&state, .character("/"))
        let effects = type(&state, "b")
        guard case .queryProducts(let query)? = effects.last else { Issue.record("no query"); return }
        let page = ProductPage(items: [SampleApp.products[3], SampleApp.products[1]], totalCount: 2, offset: 0)
        _ = reduce(&state, .productsLoaded(page, for: query))
        #expect(state.browser.selectedProduct?.id == "nordic-books-de")
    }

    @Test func aProductThatLeftTheListOfANewQueryMovesTheSelectionToTheTop() {
        var state = SampleApp.browsing()
        _ = press(&state, .down, .down)
        let effects = press(&state, .character("4"))
        guard case .queryProducts(let query)? = effects.last else { Issue.record("no query"); return }
        let page = ProductPage(items: [Self.newcomer, SampleApp.products[3]], totalCount: 2, offset: 0)
        let loaded = reduce(&state, .productsLoaded(page, for: query))
        #expect(state.browser.selection == 0)
        #expect(loaded == [.loadDetail(productId: "aero-cellular")])
    }

    // MARK: 3. Messages

    @Test func aCartFullErrorDoesNotStayUnderTheQuitDialog() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .cartLoaded([Self.line("x", quantity: 20)]))
        _ = press(&state, .character("a"))
        #expect(state.message?.kind == .error)
        _ = press(&state, .character("q"))
        #expect(state.overlay == .confirmQuit)
        #expect(state.message == nil)
        #expect(!render(state).text.contains("it is full"))
    }

    @Test func aMessageStaysWhileItsScreenAndSubjectStay() {
        var state = SampleApp.browsing()
        _ = press(&state, .character("a"), .enter)
        #expect(state.message?.kind == .success)
        _ = reduce(&state, .ticked(SampleApp.now.addingTimeInterval(5)))
        #expect(state.message?.kind == .success)
        _ = press(&state, .character("c"))
        #expect(state.message == nil, "the cart is another screen")
    }

    @Test func aMessageMadeUnderTheHelpGoesWithIt() {
        var state = SampleApp.browsing()
        state.screen = .history
        _ = press(&state, .character("?"))
        #expect(state.overlay == .help)
        _ = reduce(&state, .themeChanged(name: "solarized-dark"))
        #expect(state.message?.text == "Theme: solarized-dark")
        _ = press(&state, .escape)
        #expect(state.message == nil, "closing the help is leaving the moment the message was made for")
    }

    // MARK: 4. Phone numbers in the review and the confirmation

    static let phone = "+4915123456789012"

    func reviewWithAPhoneLine(width: Int = 80, height: Int = 24) -> AppState {
        var state = SampleApp.browsing(width: width, height: height)
        _ = reduce(&state, .cartLoaded([Self.line("x", quantity: 1, phone: Self.phone, name: "Tidal Cellular Germany Prepaid"),
                                        Self.line("y", quantity: 2)]))
        _ = press(&state, .character("c"), .character("b"))
        return state
    }

    @Test func theReviewShowsThePhoneNumberInFullAt80Columns() {
        let state = reviewWithAPhoneLine()
        #expect(state.screen == .review)
        #expect(render(state).text.contains(Self.phone))
    }

    @Test func theConfirmationNamesEveryPhoneNumberInFull() {
        var state = reviewWithAPhoneLine()
        _ = press(&state, .enter)
        #expect(state.overlay == .confirmPurchase)
        #expect(render(state).text.contains(Self.phone))
    }

    // MARK: 5. Several countries, and searching all of them

    @Test func rowsOfSeveralCountriesShowTheirCountry() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.browser.products = ["DE", "JP", "US"].map {
            ProductSummary(id: "basil-\($0)", name: "Basil Sushi", type: .giftCard, countryCode: $0, currency: "EUR",
                           packageValues: ["10"])
        }
        let text = render(state).text
        for code in ["DE", "JP", "US"] {
            #expect(text.split(separator: "\n").contains { $0.contains("Basil Sushi") && $0.contains(" \(code) ") }, "row of \(code)")
        }
    }

    @Test func oneKeyWidensASearchToAllCountries() {
        var state = SampleApp.browsing()
        _ = press(&state, .backTab, .down, .tab)
        #expect(state.browser.selectedCountry?.code == "DE")
        _ = press(&state, .character("/"))
        _ = type(&state, "cafe m")
        let effects = press(&state, .control("g"))
        #expect(state.browser.selectedCountry == nil)
        #expect(effects.last == .queryProducts(CatalogQuery(text: "cafe m", limit: 100)))
        #expect(state.browser.searchText == "cafe m")
    }

    @Test func noResultsInOneCountrySaysWhichKeySearchesAll() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.browser.countryIndex = 3
        state.browser.searchText = "cafe m"
        state.browser.products = []
        state.browser.totalProducts = 0
        let text = render(state).text
        #expect(text.contains("0 results for 'cafe m'"))
        #expect(text.contains("Ctrl-G"))
    }

    // MARK: 10. Keys in the countries pane

    @Test func theCountriesPaneKeepsTheKeysHelpLists() {
        var state = SampleApp.browsing()
        _ = press(&state, .backTab)
        #expect(state.browser.focus == .countries)
        _ = press(&state, .character("j"), .character("j"))
        #expect(state.browser.countryIndex == 2)
        _ = press(&state, .character("k"))
        #expect(state.browser.countryIndex == 1)
        _ = press(&state, .character("g"))
        #expect(state.browser.countryIndex == 0)
        _ = press(&state, .character("c"))
        #expect(state.screen == .cart)
        _ = press(&state, .escape)
        #expect(press(&state, .character("q")) == [.quit])
    }

    @Test func typeAheadInTheCountriesPaneStartsWithSlash() {
        var state = SampleApp.browsing()
        _ = press(&state, .backTab, .character("/"))
        let effects = type(&state, "un")
        #expect(state.browser.selectedCountry?.code == "US")
        #expect(effects.last == .queryProducts(CatalogQuery(country: "US", limit: 100)))
        _ = press(&state, .enter)
        _ = press(&state, .character("k"))
        #expect(state.browser.selectedCountry?.code == "JP", "after Enter letters are keys again")
    }
}
