import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// `reduce` as sequences of actions and the effects they return.
@Suite struct ReduceTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    @Test func searchQueriesOnEveryKeystrokeAndEscClears() {
        var state = SampleApp.browsing()
        #expect(press(&state, .character("/")).isEmpty)
        #expect(state.browser.isEditingSearch)
        let effects = type(&state, "caf")
        #expect(effects.count == 3)
        #expect(effects.last == .queryProducts(CatalogQuery(text: "caf", limit: 100)))
        #expect(state.browser.isLoading)
        let cleared = press(&state, .escape)
        #expect(cleared == [.queryProducts(CatalogQuery(text: "", limit: 100))])
        #expect(!state.browser.isEditingSearch)
        #expect(state.browser.searchText.isEmpty)
    }

    @Test func answersToAnOlderQueryAreDropped() {
        var state = SampleApp.browsing()
        _ = press(&state, .character("/"))
        _ = type(&state, "ca")
        let stale = ProductPage(items: [SampleApp.products[3]], totalCount: 1, offset: 0)
        _ = reduce(&state, .productsLoaded(stale, for: CatalogQuery(text: "c", limit: 100)))
        #expect(state.browser.isLoading)
        let fresh = ProductPage(items: [SampleApp.products[0]], totalCount: 1, offset: 0)
        let effects = reduce(&state, .productsLoaded(fresh, for: CatalogQuery(text: "ca", limit: 100)))
        #expect(state.browser.products == [SampleApp.products[0]])
        #expect(!state.browser.isLoading)
        #expect(effects == [])
    }

    @Test func movingTheSelectionLoadsTheNewProductsDetail() {
        var state = SampleApp.browsing()
        let effects = press(&state, .down)
        #expect(state.browser.selection == 1)
        #expect(effects == [.loadDetail(productId: "nordic-books-de")])
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[2])))
        #expect(state.browser.detail?.summary.id == "cafe-muller-de", "a late detail of another product is not shown")
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[1])))
        #expect(state.browser.detail?.summary.id == "nordic-books-de")
    }

    @Test func anAddPressedWhileTheProductLoadsOpensTheDialogWhenItArrives() {
        var state = SampleApp.browsing()
        _ = press(&state, .down, .character("a"))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "Loading the product…")
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[1])))
        guard case .addToCart(let form)? = state.overlay else {
            Issue.record("the add dialog opens once the product is there, without a second a")
            return
        }
        #expect(form.product.summary.id == "nordic-books-de")
        #expect(state.message == nil)
    }

    @Test func anAddForAProductLeftBehindDoesNotOpenOnAnother() {
        var state = SampleApp.browsing()
        _ = press(&state, .down, .character("a"), .down)
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[2])))
        #expect(state.overlay == nil, "the a was for the product the bar has left")
        _ = press(&state, .up)
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[1])))
        #expect(state.overlay == nil, "coming back later is not the moment the a was pressed")
    }

    @Test func typingInTheCountryListJumpsAndFilters() {
        var state = SampleApp.browsing()
        _ = press(&state, .backTab, .character("/"))
        #expect(state.browser.focus == .countries)
        let effects = type(&state, "un")
        #expect(state.browser.selectedCountry?.code == "US")
        #expect(state.browser.countryJump == "un")
        #expect(effects.last == .queryProducts(CatalogQuery(country: "US", limit: 100)))
        _ = type(&state, "j")
        #expect(state.browser.selectedCountry?.code == "JP", "a letter that matches nothing more starts a new jump")
    }

    @Test func typeTabsFilterAndReloadCountries() {
        var state = SampleApp.browsing()
        let effects = press(&state, .character("4"))
        #expect(state.browser.type == .esim)
        #expect(effects == [.loadCountries(type: .esim), .queryProducts(CatalogQuery(type: .esim, limit: 100))])
        #expect(press(&state, .character("4")).isEmpty)
        _ = press(&state, .right)
        #expect(state.browser.type == .billPayment)
        _ = press(&state, .right)
        #expect(state.browser.type == nil)
    }

    @Test func addingToTheCartValidatesTheValueAndSavesTheCart() {
        var state = SampleApp.browsing()
        _ = press(&state, .down)
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[1])))
        _ = press(&state, .character("a"))
        guard case .addToCart = state.overlay else { Issue.record("no dialog"); return }
        _ = type(&state, "12")
        guard case .addToCart(let form) = state.overlay else { return }
        #expect(form.error?.contains("Choose 5 to 200 EUR in steps of 5") == true)
        #expect(press(&state, .enter).isEmpty, "an invalid value is not added")
        _ = press(&state, .backspace, .character("5"))
        _ = press(&state, .tab, .up, .up)
        let effects = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.cart.units == 3)
        #expect(state.cart.lines.first?.faceValue == "15 EUR")
        #expect(effects == [.saveCart(state.cart.lines)])
        #expect(state.message?.text.contains("Cart: 3/20") == true)
    }

    @Test func phoneTopUpsNeedAValidNumber() {
        var state = SampleApp.browsing()
        _ = press(&state, .end)
        _ = reduce(&state, .detailLoaded(SampleApp.detail(SampleApp.products[3])))
        _ = press(&state, .character("a"))
        _ = type(&state, "10")
        _ = press(&state, .tab, .tab)
        _ = type(&state, "5551234")
        _ = press(&state, .enter)
        guard case .addToCart(let form) = state.overlay else { Issue.record("dialog closed"); return }
        #expect(form.error?.contains("country code") == true)
        #expect(form.field == .phone)
        for _ in 0..<7 { _ = press(&state, .backspace) }
        _ = type(&state, "+1 555 123 4567")
        _ = press(&state, .enter)
        #expect(state.overlay == nil)
        #expect(state.cart.lines.first?.phoneNumber == "+15551234567")
    }

    @Test func theCartRefusesAUnitPastTwentyAndSaysSo() {
        var state = SampleApp.browsing()
        let line = CartLine(id: "x", productId: "cafe-muller-de", productName: "Café Müller", productType: .giftCard,
                            choice: .package(PackageOption(id: "cafe-muller-de<&>10", value: "10", price: 18_000)),
                            faceValue: "10 EUR", unitPrice: 18_000, quantity: 19)
        _ = reduce(&state, .cartLoaded([line]))
        _ = press(&state, .character("a"))
        _ = press(&state, .tab, .up)
        guard case .addToCart(let form) = state.overlay else { Issue.record("no dialog"); return }
        #expect(form.error?.contains("at most 20 units") == true)
        _ = press(&state, .enter)
        #expect(state.cart.units == 19)
        _ = press(&state, .down, .enter)
        #expect(state.cart.units == 20)
        _ = press(&state, .character("a"))
        #expect(state.overlay == nil)
        #expect(state.message?.text.contains("it is full") == true)
    }

    @Test func cartScreenChangesQuantitiesAndRemovesLines() {
        var state = SampleApp.browsing()
        let line = CartLine(id: "x", productId: "p", productName: "P", productType: .giftCard, choice: .value(10),
                            faceValue: "10 EUR", unitPrice: 100, quantity: 1)
        _ = reduce(&state, .cartLoaded([line]))
        _ = press(&state, .character("c"))
        #expect(state.screen == .cart)
        #expect(press(&state, .character("+")) == [.saveCart([CartLine(id: "x", productId: "p", productName: "P", productType: .giftCard,
                                                                     choice: .value(10), faceValue: "10 EUR", unitPrice: 100, quantity: 2)])])
        _ = press(&state, .character("x"))
        #expect(state.overlay == .confirmClearCart)
        #expect(press(&state, .character("y")) == [.saveCart([])])
        #expect(state.cart.isEmpty)
        _ = press(&state, .escape)
        #expect(state.screen == .browser)
    }

    @Test func quitAsksOnlyWhenTheCartHoldsSomething() {
        var empty = SampleApp.browsing()
        #expect(press(&empty, .character("q")) == [.quit])
        var full = SampleApp.browsing()
        _ = reduce(&full, .cartLoaded([CartLine(id: "x", productId: "p", productName: "P", productType: .giftCard, choice: .value(10),
                                                faceValue: "10", unitPrice: nil, quantity: 1)]))
        #expect(press(&full, .character("q")).isEmpty)
        #expect(full.overlay == .confirmQuit)
        #expect(press(&full, .character("n")).isEmpty)
        #expect(press(&full, .control("c")) == [.quit], "Ctrl-C always exits")
    }

    @Test func resizeAndCtrlLRepaintEverything() {
        var state = SampleApp.browsing()
        #expect(reduce(&state, .resized(width: 100, height: 30)) == [.repaintAll])
        #expect(press(&state, .control("l")) == [.repaintAll])
        _ = reduce(&state, .resized(width: 60, height: 20))
        #expect(state.isTooSmall)
        #expect(press(&state, .character("/")).isEmpty)
    }

    @Test func anEmptyCacheShowsProductsAsTheFirstPagesArrive() {
        var state = SampleApp.browsing()
        state.catalog.productCount = 0
        state.browser.products = []
        var progress = RefreshProgress(startedAt: SampleApp.now)
        progress.productsAvailable = 50
        let effects = reduce(&state, .refreshProgressed(progress))
        #expect(effects.contains(.queryProducts(CatalogQuery(limit: 100))))
        progress.phase = .finished(RefreshSummary(pages: 1, productsListed: 50, added: 50))
        let done = reduce(&state, .refreshProgressed(progress))
        #expect(done.contains(.loadCatalogSummary))
        #expect(state.catalog.progress == nil)
    }
}

@Suite struct CatalogUnreadableTests {
    /// Issue 19: a failed count was shown as a catalog of 0 products, with no word of why.
    @Test func anUnreadableCatalogIsSaidWithTheWayToRebuildIt() {
        var state = SampleApp.browsing(width: 80, height: 24)
        let before = state.catalog.productCount
        _ = reduce(&state, .catalogUnreadable("disk I/O error"))
        #expect(state.message?.text.contains("catalog refresh") == true)
        #expect(state.catalog.productCount == before, "not replaced by 0")
    }
}
