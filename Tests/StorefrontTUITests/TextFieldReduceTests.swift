import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// Text fields share their editing keys (Ctrl-U, Ctrl-W, Home/End, paste); help scrolls; Esc goes back one
/// screen; `B` goes to the browser from anywhere.
@Suite struct TextFieldReduceTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    @Test func ctrlWDeletesAWordAndCtrlUClearsTheSearch() {
        var state = SampleApp.browsing()
        _ = press(&state, .character("/"))
        _ = type(&state, "cafe mul")
        _ = press(&state, .control("w"))
        #expect(state.browser.searchText == "cafe ")
        let effects = press(&state, .control("u"))
        #expect(state.browser.searchText.isEmpty)
        #expect(effects == [.queryProducts(CatalogQuery(text: "", limit: 100))])
    }

    @Test func homeAndEndMoveTheCursorAndTypingInsertsThere() {
        var state = SampleApp.browsing()
        _ = press(&state, .character("/"))
        _ = type(&state, "ller")
        _ = press(&state, .home)
        _ = type(&state, "mü")
        #expect(state.browser.searchText == "müller")
        #expect(render(state).text.contains("/ mü▏ller"))
        _ = press(&state, .end)
        _ = press(&state, .backspace)
        #expect(state.browser.searchText == "mülle")
    }

    @Test func aPasteIsTextEvenWithLineBreaksAndLetters() {
        var state = SampleApp.browsing()
        _ = press(&state, .character("e"))
        #expect(state.screen == .esim)
        _ = press(&state, .paste("8988 2470 0000 0000 019\r\n"))
        #expect(state.esim.iccidText == "8988 2470 0000 0000 019")
        #expect(state.screen == .esim, "the pasted line break did not act")
    }

    @Test func theReviewsEmailTakesTheEditingKeys() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .cartLoaded([InputReduceTests.line("x", quantity: 1)]))
        _ = press(&state, .character("c"), .character("b"), .tab, .tab)
        _ = type(&state, "ann@example.com")
        _ = press(&state, .control("w"))
        #expect(state.checkout.review.email.isEmpty || state.checkout.review.email == "ann@example.")
        _ = press(&state, .control("u"))
        #expect(state.checkout.review.email.isEmpty)
    }

    /// Every summary help lists can be read at 80x24, scrolling with ↓ where the keys do not fit, and Esc
    /// closes the help at the top again.
    @Test(arguments: [Screen.browser, .cart, .review, .purchase, .history, .esim, .phoneRefill])
    func everyKeyOfHelpCanBeReadAt80x24(on screen: Screen) {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.screen = screen
        // Past the steps where `?` is text (the ICCID, the phone number).
        state.esim.step = .details
        state.phone.step = .operators
        _ = press(&state, .character("?"))
        #expect(state.overlay == .help)
        var seen = ""
        for _ in 0..<40 {
            seen += render(state).text
            _ = press(&state, .down)
        }
        let context = KeyBinding.Context(screen)
        for binding in Keymap.bindings where binding.context == .everywhere || binding.context == context {
            #expect(seen.contains(binding.summary), "\(binding.summary)")
        }
        _ = press(&state, .escape)
        #expect(state.overlay == nil)
        #expect(state.helpScroll == 0)
    }

    @Test func escGoesBackOneScreen() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .cartLoaded([InputReduceTests.line("x", quantity: 1)]))
        _ = press(&state, .character("c"), .character("b"))
        #expect(state.screen == .review)
        _ = press(&state, .escape)
        #expect(state.screen == .cart)
        _ = press(&state, .character("h"))
        #expect(state.screen == .history)
        _ = press(&state, .escape)
        #expect(state.screen == .cart)
        _ = press(&state, .escape)
        #expect(state.screen == .browser)
    }

    @Test(arguments: [Screen.cart, .history, .review, .esim, .phoneRefill, .purchase])
    func capitalBReturnsToTheBrowser(from screen: Screen) {
        var state = SampleApp.browsing()
        _ = reduce(&state, .cartLoaded([InputReduceTests.line("x", quantity: 1)]))
        _ = press(&state, .character("c"), .character("b"))
        state.screen = screen
        state.esim.step = .details
        state.phone.step = .operators
        state.checkout.shown = ShownPurchase(purchaseId: "p1", returnTo: .history)
        _ = press(&state, .character("B"))
        #expect(state.screen == .browser)
    }

    @Test func helpListsTheBrowserKey() {
        var state = SampleApp.browsing(width: 120, height: 40)
        _ = press(&state, .character("?"))
        #expect(render(state).text.contains("Back to the browser"))
    }
}
