import StorefrontDomain

/// The browser: countries, the product list, and the selected product's detail.
enum BrowserView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        drawCountries(state, layout, glyphs, into: &buffer)
        if layout.showsDetailBeside || state.browser.focus != .detail {
            drawProducts(state, layout, glyphs, into: &buffer)
        }
        if layout.showsDetailBeside || state.browser.focus == .detail {
            DetailView.draw(state, layout.detailPane, glyphs, into: &buffer)
        }
    }

    private static func borderStyle(_ focused: Bool) -> Style { Style(focused ? .accent : .border) }

    private static func drawCountries(_ state: AppState, _ layout: Layout, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let pane = layout.countriesPane
        let browser = state.browser
        let focused = browser.focus == .countries
        buffer.box(pane, title: "Countries", glyphs: glyphs, style: borderStyle(focused))
        let inner = pane.width - 2
        // The totals come with the countries (one action), so the sum, which counts an eSIM plan in every country it
        // covers, only stands in for a state built without them.
        let total = browser.totals?.count(of: browser.type) ?? browser.countries.reduce(0) { $0 + count(of: $1, state) }
        let rows = [("All countries", total)] + browser.countries.map { ($0.name, count(of: $0, state)) }
        let top = max(0, min(browser.countryIndex - layout.countryRows / 2, rows.count - layout.countryRows))
        for (offset, row) in rows.dropFirst(top).prefix(layout.countryRows).enumerated() {
            let index = top + offset
            let number = Money.grouped(Int64(row.1))
            let name = DisplayWidth.fit(row.0, to: max(1, inner - DisplayWidth.of(number) - 1))
            let selected = index == browser.countryIndex
            let style = selected ? Style(focused ? .selection : .accent, bold: true) : Style(row.1 == 0 ? .muted : .text)
            buffer.row("\(name) \(number)", x: pane.x + 1, y: pane.y + 1 + offset, width: inner, style: style)
        }
        if focused {
            let hint = browser.isJumpingToCountry ? "jump: \(browser.countryJump)\(glyphs.cursor)" : "/ jumps"
            buffer.put(" \(hint) ", x: pane.x + 2, y: pane.maxY - 1, style: Style(.muted))
        }
    }

    private static func count(of country: CountrySummary, _ state: AppState) -> Int {
        state.browser.type.map { country.count(of: $0) } ?? country.total
    }

    private static func drawProducts(_ state: AppState, _ layout: Layout, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let pane = layout.productsPane
        let browser = state.browser
        let focused = browser.focus == .products
        let place = browser.selectedCountry?.name ?? "All countries"
        let kind = browser.type?.displayName ?? "All types"
        buffer.box(pane, title: "\(place) \(glyphs.bullet) \(kind) (\(Money.grouped(Int64(browser.totalProducts))))",
                   glyphs: glyphs, style: borderStyle(focused))
        let inner = pane.width - 2
        let x = pane.x + 1
        let currencyWidth = 4
        // Rows of several countries look alike ("Basil Sushi" three times): their country tells them apart.
        let countryWidth = Set(browser.products.compactMap(\.countryCode)).count > 1 ? 3 : 0
        let valuesWidth = min(30, max(12, inner / 3))
        let nameWidth = max(8, inner - currencyWidth - valuesWidth - 2 - countryWidth)
        func country(_ text: String) -> String { countryWidth == 0 ? "" : DisplayWidth.fit(text, to: countryWidth - 1) + " " }
        buffer.row(DisplayWidth.fit("Name", to: nameWidth) + " " + country("Co") + DisplayWidth.fit("Cur", to: currencyWidth) + " " + "Denominations",
                   x: x, y: pane.y + 1, width: inner, style: Style(.muted, underline: true))

        guard !browser.products.isEmpty else {
            drawEmpty(state, pane, into: &buffer)
            return
        }
        let words = SearchText.searchWords(browser.searchText)
        for (offset, product) in browser.products.dropFirst(browser.scroll).prefix(layout.productRows).enumerated() {
            let index = browser.scroll + offset
            let y = pane.y + 2 + offset
            let selected = index == browser.selection
            let base: Style = selected ? Style(focused ? .selection : .accent, bold: selected) : Style(product.inStock ? .text : .dimmed)
            let name = product.inStock ? product.name : "\(product.name) (out of stock)"
            let line = DisplayWidth.fit(name, to: nameWidth) + " " + country(product.countryCode ?? "")
                + DisplayWidth.fit(product.currency ?? "", to: currencyWidth) + " "
                + DisplayWidth.fit(product.faceValues, to: valuesWidth)
            buffer.row(line, x: x, y: y, width: inner, style: base)
            if !words.isEmpty && !selected {
                highlight(words, in: DisplayWidth.truncate(name, to: nameWidth), x: x, y: y, into: &buffer)
            }
        }
    }

    /// Marks the start of every name word that a search word begins, as the search matched it.
    static func highlight(_ words: [String], in name: String, x: Int, y: Int, into buffer: inout ScreenBuffer) {
        var column = x
        var index = name.startIndex
        while index < name.endIndex {
            let character = name[index]
            let isWordStart = (character.isLetter || character.isNumber)
                && (index == name.startIndex || !(name[name.index(before: index)].isLetter || name[name.index(before: index)].isNumber))
            if isWordStart {
                let wordEnd = name[index...].firstIndex { !($0.isLetter || $0.isNumber) } ?? name.endIndex
                let word = String(name[index..<wordEnd])
                let folded = SearchText.fold(word)
                if let match = words.filter({ folded.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                    let matched = String(word.prefix(match.count))
                    buffer.restyle(x: column, y: y, width: DisplayWidth.of(matched), style: Style(.match, bold: true))
                }
            }
            column += DisplayWidth.of(character)
            index = name.index(after: index)
        }
    }

    private static func drawEmpty(_ state: AppState, _ pane: Rect, into buffer: inout ScreenBuffer) {
        let browser = state.browser
        let text: String
        if browser.isLoading {
            text = "Loading…"
        } else if state.catalog.productCount == 0, state.catalog.progress != nil {
            text = "Filling the local catalog; products appear here as they arrive."
        } else if state.catalog.productCount == 0 {
            text = "The local catalog is empty. Run `storefront catalog refresh`, or wait for the background refresh."
        } else {
            var scope = [browser.selectedCountry?.name ?? "all countries"]
            if let type = browser.type { scope.append(type.displayName) }
            let what = browser.searchText.isEmpty ? "0 products" : "0 results for '\(browser.searchText)'"
            let advice = if browser.searchText.isEmpty {
                "pick another country or tab"
            } else if browser.selectedCountry != nil {
                "\(Keymap.keyLabel(of: .searchAllCountries)) searches all countries, Esc clears"
            } else {
                "Esc clears"
            }
            text = "\(what) in \(scope.joined(separator: ", ")): \(advice)"
        }
        buffer.wrapped(text, x: pane.x + 2, y: pane.y + 3, width: pane.width - 4, maxRows: 3, style: Style(.muted))
    }
}
