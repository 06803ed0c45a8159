import StorefrontTestSupport
import StorefrontTUI
import Testing

/// `T` asks the loop for the next theme, and the loop's answer is shown on the status line.
@Suite struct ThemeCyclingTests {
    @Test func tAsksForTheNextThemeOnEveryScreen() {
        var state = SampleApp.browsing()
        #expect(reduce(&state, .keyPressed(.character("T"))) == [.cycleTheme])
        state.screen = .cart
        #expect(reduce(&state, .keyPressed(.character("T"))) == [.cycleTheme])
        #expect(Keymap.command(for: .character("T"), in: .cart) == .cycleTheme)
        #expect(Keymap.bindings.contains { $0.command == .cycleTheme && $0.context == .everywhere })
    }

    @Test func theNewThemeIsNamedOnTheStatusLine() {
        var state = SampleApp.browsing()
        #expect(reduce(&state, .keyPressed(.character("T"))) == [.cycleTheme])
        #expect(reduce(&state, .themeChanged(name: "solarized-dark")).isEmpty)
        #expect(state.message == StatusMessage(.info, "Theme: solarized-dark"))
        #expect(render(state).text.contains("Theme: solarized-dark"))
    }

    @Test func aRefusedThemeSaysWhyAndThatTheDefaultIsShown() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .themeFailed(#"themes/broken.toml line 5: [selection] bg: "purple" is not a colour"#))
        #expect(state.message?.kind == .error)
        #expect(state.message?.text.hasPrefix("themes/broken.toml line 5: [selection] bg:") == true)
        #expect(state.message?.text.hasSuffix("Using the default theme.") == true)
    }

    @Test func typingASearchKeepsTheLetter() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .keyPressed(.character("/")))
        _ = reduce(&state, .keyPressed(.character("T")))
        #expect(state.browser.searchText == "T")
    }
}
