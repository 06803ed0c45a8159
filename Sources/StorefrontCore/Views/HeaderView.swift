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
        for (index, type) in BrowserState.tabs.enumerated() {
            let label = " \(index + 1) \(type?.displayName ?? "All") "
            let selected = type == state.browser.type
            x += buffer.put(label, x: x, y: 0, style: selected ? Style(.selection, bold: true) : Style(.statusBar))
        }
        let browser = state.browser
        guard browser.isEditingSearch || !browser.searchText.isEmpty else {
            let hint = "/ search"
            buffer.put(hint, x: layout.width - DisplayWidth.of(hint) - 1, y: 0, style: Style(.muted))
            return
        }
        let glyphs = Glyphs.of(state)
        let field = "/ " + (browser.isEditingSearch ? state.showingCursor(browser.searchText, in: .search, glyph: glyphs.cursor) : browser.searchText)
        let width = min(max(20, DisplayWidth.of(field) + 1), max(10, layout.width - x - 2))
        let shown = DisplayWidth.of(field) > width ? glyphs.ellipsis + String(field.suffix(width - 4)) : field
        buffer.row(shown, x: layout.width - width - 1, y: 0, width: width, style: Style(.input, bold: browser.isEditingSearch))
    }
}
