import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// Every screen at 80x24 and 120x40, as text. Re-record with STOREFRONT_RECORD_SNAPSHOTS=1 (then read them).
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40)]

    func check(_ name: String, _ make: (Int, Int) -> AppState) {
        for (width, height) in Self.sizes {
            let state = make(width, height)
            assertSnapshot(render(state).text, named: "\(name)-\(width)x\(height)")
        }
    }

    @Test func browser() {
        check("browser") { SampleApp.browsing(width: $0, height: $1) }
    }

    @Test func browserOnTheLiveAPIWithAnError() {
        check("browser-live") { width, height in
            var state = SampleApp.browsing(width: width, height: height, sandbox: false)
            state.message = StatusMessage(.error, "Balance unavailable: The API rejected the credentials.")
            return state
        }
    }

    /// In team mode, while the team database does not answer, the status bar says so beside the connection.
    @Test func teamDatabaseDown() {
        check("team-db-down") { width, height in
            var state = SampleApp.browsing(width: width, height: height, sandbox: false)
            _ = reduce(&state, .teamDatabaseChecked(answering: false))
            return state
        }
    }

    @Test func teamDatabaseDownClearsWhenItAnswersAgain() {
        var state = SampleApp.browsing(width: 80, height: 24, sandbox: false)
        _ = reduce(&state, .teamDatabaseChecked(answering: false))
        #expect(render(state).text.contains("TEAM DB DOWN"))
        _ = reduce(&state, .teamDatabaseChecked(answering: true))
        #expect(!render(state).text.contains("TEAM DB DOWN"))
    }

    /// In team mode, a data directory whose cart cannot save the lines a purchase in flight holds (a full disk) says so
    /// on the status bar with what to do, once when it starts and once when it ends, not at every check.
    @Test func aCartThatCannotSaveItsHoldsIsSaidOnTheStatusBarUntilItCan() {
        var state = SampleApp.browsing(width: 80, height: 24, sandbox: false)
        let problem = "The cart cannot be saved: 1 line of a purchase in flight would come back to it after a restart. "
            + "Free disk space or make /data/storefront.sqlite writable; the storefront keeps trying (database or disk is full)."
        _ = reduce(&state, .teamDatabaseChecked(answering: true, cartProblem: problem))
        #expect(render(state).text.contains("The cart cannot be saved: 1 line of a purchase in flight"), "\(render(state).text)")
        state.message = StatusMessage(.success, "Invoice created: following it until the codes arrive.")
        _ = reduce(&state, .teamDatabaseChecked(answering: true, cartProblem: problem))
        #expect(render(state).text.contains("Invoice created"), "said once, not over every message after it")
        _ = reduce(&state, .teamDatabaseChecked(answering: true))
        #expect(render(state).text.contains("The cart is saved again"))
    }

    @Test func searchWithNoResults() {
        check("search-empty") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.browser.countryIndex = 1
            state.browser.type = .giftCard
            state.browser.searchText = "xyz"
            state.browser.isEditingSearch = true
            state.browser.products = []
            state.browser.totalProducts = 0
            state.browser.detail = nil
            return state
        }
    }

    @Test func searchHighlightsMatches() {
        check("search-matches") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.browser.searchText = "cafe"
            state.browser.selection = 1
            return state
        }
    }

    @Test func productDetailInPlaceOnNarrowScreens() {
        check("detail") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.browser.focus = .detail
            return state
        }
    }

    @Test func addToCartDialog() {
        check("add-to-cart") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            var form = AddToCartForm(product: SampleApp.detail(SampleApp.products[3]))
            form.valueText = "12"
            form.error = "\"12\" is not available for this product. Choose 5 to 50 USD in steps of 5."
            state.overlay = .addToCart(form)
            return state
        }
    }

    @Test func cartWithTotalsAndBalanceAfter() {
        check("cart") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.cart = Cart(lines: [
                CartLine(id: "a", productId: "cafe-muller-de", productName: "Café Müller", productType: .giftCard,
                         choice: .package(PackageOption(id: "cafe-muller-de<&>25", value: "25", price: 45_000)),
                         faceValue: "25 EUR", unitPrice: 45_000, quantity: 2),
                CartLine(id: "b", productId: "test-phone-refill", productName: "Test Phone Refill", productType: .phoneRefill,
                         choice: .value(10), faceValue: "10 USD", unitPrice: 16_667, quantity: 1, phoneNumber: "+15551234567"),
            ])
            state.screen = .cart
            return state
        }
    }

    @Test func helpFromTheKeymap() {
        check("help") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.overlay = .help
            return state
        }
    }

    @Test func refreshProgressInTheStatusBar() {
        check("refreshing") { width, height in
            var state = SampleApp.browsing(width: width, height: height)
            state.catalog.progress = RefreshProgress(phase: .reading(.products), pagesRead: 40, productsRead: 2_000,
                                                     expectedProducts: 5_000, productsAvailable: 2_000,
                                                     startedAt: SampleApp.now.addingTimeInterval(-10))
            return state
        }
    }

    @Test func asciiMode() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.asciiOnly = true
        assertSnapshot(render(state).text, named: "browser-ascii-80x24")
    }

    @Test func terminalTooSmall() {
        let state = SampleApp.browsing(width: 60, height: 20)
        let text = render(state).text
        #expect(text.contains("Terminal too small: 60x20."))
        #expect(text.contains("at least 80x24"))
    }

    @Test func hostileProductNamesRenderInert() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.browser.products[0].name = Sanitizer.clean("Evil\u{1B}]0;pwned\u{07} Card\u{202E}")
        let text = render(state).text
        #expect(text.contains("Evil Card"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func wideCharactersTakeTwoColumns() {
        let state = SampleApp.browsing(width: 120, height: 40)
        let buffer = render(state)
        let row = (0..<buffer.height).first { y in (0..<buffer.width).contains { buffer[$0, y].text == "ユ" } }
        guard let y = row else { Issue.record("no wide name on screen"); return }
        let x = (0..<buffer.width).first { buffer[$0, y].text == "ユ" }!
        #expect(buffer[x + 1, y].isContinuation)
        #expect(buffer[x + 2, y].text == "ニ")
    }
}
