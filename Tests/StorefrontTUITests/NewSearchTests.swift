import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// `/` on a search that was kept starts a new one, as in fzf, less and vim; and the field shows the whole query.
@Suite struct NewSearchTests {
    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    @Test func slashOnAKeptSearchStartsANewOne() {
        var state = SampleApp.browsing(width: 80, height: 24)
        _ = type(&state, "/steam")
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.browser.searchText == "steam")
        let effects = type(&state, "/japan 5gb")
        #expect(state.browser.searchText == "japan 5gb")
        #expect(effects.last == .queryProducts(CatalogQuery(text: "japan 5gb", limit: 100)))
    }

    @Test func theSearchFieldShowsTheWholeQueryAt80Columns() {
        var state = SampleApp.browsing(width: 80, height: 24)
        _ = type(&state, "/steam japan 5gb")
        let header = render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(header.contains("/ steam japan 5gb"), "\(header)")
        _ = reduce(&state, .keyPressed(.enter))
        let kept = render(state).text.split(separator: "\n", omittingEmptySubsequences: false)[0]
        #expect(kept.contains("/ steam japan 5gb"), "\(kept)")
    }

    @Test func slashOnAKeptHistoryFilterStartsANewOne() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .keyPressed(.character("h")))
        _ = type(&state, "/NEW9")
        _ = reduce(&state, .keyPressed(.enter))
        let effects = type(&state, "/AT9A")
        #expect(state.checkout.history.filter == "AT9A")
        #expect(effects.last == .checkout(.loadHistory(filter: "AT9A")))
    }

    @Test func slashOnAKeptAccountFilterStartsANewOne() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .keyPressed(.character("A")))
        _ = type(&state, "/steam")
        _ = reduce(&state, .keyPressed(.enter))
        _ = type(&state, "/0770")
        #expect(state.account.filter == "0770")
    }
}
