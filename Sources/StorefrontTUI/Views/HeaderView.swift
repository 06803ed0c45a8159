import StorefrontDomain

/// Row 0: the name, the type tabs, and the search field.
enum HeaderView {
    /// Every screen but the browser names itself in place of the tabs.
    private static func title(of screen: Screen) -> String? {
        switch screen {
        case .browser: nil
        case .cart: "Cart"
        case .review: "Review and buy"
        case .purchase: "Purchase"
        case .history: "Purchase history"
        case .esim: "eSIM top-up"
        case .phoneRefill: "Phone refill"
        case .account: "Account: every invoice on the server"
        }
    }

    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: layout.width, height: 1), style: Style(.statusBar))
        var x = buffer.put(" Storefront ", x: 0, y: 0, style: Style(.title, bold: true)) + 1
        if let title = title(of: state.screen) {
            buffer.put(title, x: x, y: 0, style: Style(.statusBar, bold: true))
            return
        }
        let browser = state.browser
        let glyphs = Glyphs.of(state)
        let searching = browser.isEditingSearch || !browser.searchText.isEmpty
        let field = "/ " + (browser.isEditingSearch ? state.showingCursor(browser.searchText, in: .search, glyph: glyphs.cursor) : browser.searchText)
        let fieldWidth = max(20, DisplayWidth.of(field) + 1)
        // The whole query shows: when the tabs leave it too little room, the tabs other than the chosen one keep
        // only their number (the keys that choose them).
        let compact = searching && x + tabsWidth + fieldWidth + 2 > layout.width
        for (index, type) in BrowserState.tabs.enumerated() {
            let selected = type == state.browser.type
            let label = compact && !selected ? " \(index + 1) " : " \(index + 1) \(type?.displayName ?? "All") "
            x += buffer.put(label, x: x, y: 0, style: selected ? Style(.selection, bold: true) : Style(.statusBar))
        }
        guard searching else {
            let hint = "/ search"
            buffer.put(hint, x: layout.width - DisplayWidth.of(hint) - 1, y: 0, style: Style(.muted))
            return
        }
        let width = min(fieldWidth, max(10, layout.width - x - 2))
        let shown = DisplayWidth.of(field) > width ? glyphs.ellipsis + String(field.suffix(width - 4)) : field
        buffer.row(shown, x: layout.width - width - 1, y: 0, width: width, style: Style(.input, bold: browser.isEditingSearch))
    }

    /// The tabs drawn with their names.
    private static var tabsWidth: Int {
        BrowserState.tabs.enumerated().reduce(0) { sum, tab in
            sum + DisplayWidth.of(" \(tab.offset + 1) \(tab.element?.displayName ?? "All") ")
        }
    }
}
