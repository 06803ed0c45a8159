import StorefrontDomain

/// Keys, by where the user is: a too-small window, an overlay, the search field, the country type-ahead,
/// then the keymap.
func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .control("c") {
        state.isQuitting = true
        return [.quit]
    }
    if key == .control("l") { return [.repaintAll] }
    if state.isTooSmall {
        return key == .character("q") ? quit(&state) : []
    }
    if let overlay = state.overlay {
        return handleOverlayKey(&state, overlay, key)
    }
    switch state.screen {
    case .browser:
        if state.browser.isEditingSearch { return handleSearchKey(&state, key) }
        if state.browser.isJumpingToCountry, let effects = handleCountryJumpKey(&state, key) { return effects }
        guard let command = Keymap.command(for: key, in: .browser) else { return [] }
        return screenCommand(&state, command) ?? browserCommand(&state, command)
    case .cart:
        guard let command = Keymap.command(for: key, in: .cart) else { return [] }
        return screenCommand(&state, command) ?? cartCommand(&state, command)
    case .review:
        return handleReviewKey(&state, key)
    case .purchase:
        return handlePurchaseKey(&state, key)
    case .history:
        return handleHistoryKey(&state, key)
    case .esim:
        return handleESIMKey(&state, key)
    case .phoneRefill:
        return handlePhoneRefillKey(&state, key)
    case .account:
        return handleAccountKey(&state, key)
    }
}

/// Commands that do the same on every screen; nil for the others.
func screenCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
    switch command {
    case .help:
        state.overlay = .help
        return []
    case .quit:
        return quit(&state)
    case .redraw:
        return [.repaintAll]
    case .cycleTheme:
        return [.cycleTheme]
    case .openHistory:
        return openHistory(&state)
    case .togglePresentation:
        return togglePresentation(&state)
    case .openESIM:
        return openESIM(&state)
    case .openPhoneRefill:
        return openPhoneRefill(&state)
    case .openBrowser:
        return openBrowser(&state)
    case .openAccount:
        return openAccount(&state)
    default:
        return nil
    }
}

/// `B`, from anywhere: straight back to the browser, as it was left. Leaving a purchase masks its codes.
func openBrowser(_ state: inout AppState) -> [Effect] {
    if state.screen == .purchase {
        leavePurchase(&state, to: .browser)
    } else {
        state.screen = .browser
    }
    return []
}

func quit(_ state: inout AppState) -> [Effect] {
    if state.cart.isEmpty {
        state.isQuitting = true
        return [.quit]
    }
    state.overlay = .confirmQuit
    return []
}

private func browserCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let layout = Layout(width: state.width, height: state.height)
    switch command {
    case .moveUp: return move(&state, by: -1)
    case .moveDown: return move(&state, by: 1)
    case .pageUp: return move(&state, by: -(state.browser.focus == .countries ? layout.countryRows : layout.productRows))
    case .pageDown: return move(&state, by: state.browser.focus == .countries ? layout.countryRows : layout.productRows)
    case .top: return move(&state, by: -Int.max / 2)
    case .bottom: return move(&state, by: Int.max / 2)
    case .nextPane, .previousPane:
        let order: [BrowserPane] = [.countries, .products, .detail]
        let index = order.firstIndex(of: state.browser.focus) ?? 1
        let step = command == .nextPane ? 1 : order.count - 1
        state.browser.focus = order[(index + step) % order.count]
        state.browser.countryJump = ""
        state.browser.isJumpingToCountry = false
        return []
    case .open:
        switch state.browser.focus {
        case .countries: state.browser.focus = .products
        case .products: if state.browser.selectedProduct != nil { state.browser.focus = .detail }
        case .detail: break
        }
        return []
    case .back:
        state.message = nil
        switch state.browser.focus {
        case .detail: state.browser.focus = .products
        case .countries where !state.browser.countryJump.isEmpty: state.browser.countryJump = ""
        case .countries: state.browser.focus = .products
        case .products:
            if !state.browser.searchText.isEmpty {
                state.browser.searchText = ""
                return requery(&state)
            }
        }
        return []
    case .startSearch where state.browser.focus == .countries:
        state.browser.isJumpingToCountry = true
        state.browser.countryJump = ""
        return []
    case .startSearch:
        // A new `/` starts a new search, as in fzf, less and vim; Esc or Ctrl-U is not needed first.
        state.browser.isEditingSearch = true
        state.browser.focus = .products
        state.lineCursor = LineCursor(field: .search)
        guard !state.browser.searchText.isEmpty else { return [] }
        state.browser.searchText = ""
        return requery(&state)
    case .searchAllCountries:
        return searchAllCountries(&state)
    case .addToCart:
        return openAddToCart(&state)
    case .openCart:
        state.screen = .cart
        state.message = nil
        clampScroll(&state)
        return []
    case .previousTab, .nextTab:
        let tabs = BrowserState.tabs
        let index = tabs.firstIndex(of: state.browser.type) ?? 0
        let next = command == .nextTab ? (index + 1) % tabs.count : (index + tabs.count - 1) % tabs.count
        return selectTab(&state, next)
    case .tab(let index):
        return selectTab(&state, index)
    default:
        return []
    }
}

private func selectTab(_ state: inout AppState, _ index: Int) -> [Effect] {
    let type = BrowserState.tabs[max(0, min(index, BrowserState.tabs.count - 1))]
    guard type != state.browser.type else { return [] }
    state.browser.type = type
    return [.loadCountries(type: type)] + requery(&state)
}

/// Moves the selection of the focused pane; moving through countries filters the list at once.
private func move(_ state: inout AppState, by delta: Int) -> [Effect] {
    switch state.browser.focus {
    case .countries:
        let before = state.browser.countryIndex
        state.browser.countryIndex = clampedAdd(before, delta, upper: state.browser.countries.count)
        state.browser.countryJump = ""
        return state.browser.countryIndex == before ? [] : requery(&state)
    case .products:
        let previous = state.browser.selectedProduct?.id
        state.browser.selection = clampedAdd(state.browser.selection, delta, upper: max(0, state.browser.products.count - 1))
        state.browser.barMoved = true
        clampScroll(&state)
        return detailEffects(&state, previous: previous) + loadMoreIfNeeded(&state)
    case .detail:
        state.browser.detailScroll = max(0, clampedAdd(state.browser.detailScroll, delta, upper: 500))
        return []
    }
}

private func clampedAdd(_ value: Int, _ delta: Int, upper: Int) -> Int {
    let sum = delta > 0 ? (value > upper - delta ? upper : value + delta) : (value < delta ? 0 : value + delta)
    return min(max(0, sum), upper)
}

/// Within ten rows of the end of what is loaded, ask for the next hundred.
private func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
    let browser = state.browser
    guard !browser.isLoading, browser.products.count < browser.totalProducts,
          browser.selection >= browser.products.count - 10 else { return [] }
    state.browser.isLoading = true
    return [.queryProducts(currentQuery(state, offset: browser.products.count))]
}

private func handleSearchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if let edited = state.edit(state.browser.searchText, in: .search, key, limit: 100) {
        guard edited != state.browser.searchText else { return [] }
        state.browser.searchText = edited
        return requery(&state)
    }
    switch key {
    case .control("g"):
        return searchAllCountries(&state)
    case .enter, .tab:
        state.browser.isEditingSearch = false
        return []
    case .escape:
        state.browser.isEditingSearch = false
        guard !state.browser.searchText.isEmpty else { return [] }
        state.browser.searchText = ""
        return requery(&state)
    case .up, .down, .pageUp, .pageDown:
        return Keymap.command(for: key, in: .browser).map { browserCommand(&state, $0) } ?? []
    default:
        return []
    }
}

/// The search widened to every country (Ctrl-G): the same words, "All countries" selected.
private func searchAllCountries(_ state: inout AppState) -> [Effect] {
    guard state.browser.countryIndex != 0 else {
        state.message = StatusMessage(.info, "The search already covers all countries.")
        return []
    }
    state.browser.countryIndex = 0
    return requery(&state)
}

/// Keys after `/` in the countries pane: text is the name to jump to; Enter or Tab keeps the country, Esc
/// stops. nil for the keys the pane itself handles (the arrows).
private func handleCountryJumpKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
    switch key {
    case .character(let character):
        return jumpToCountry(&state, typed: character)
    case .backspace:
        guard !state.browser.countryJump.isEmpty else { return [] }
        state.browser.countryJump.removeLast()
        return []
    case .enter, .tab, .escape:
        state.browser.isJumpingToCountry = false
        state.browser.countryJump = ""
        return []
    default:
        return nil
    }
}

/// Type-ahead in the country list: letters accumulate until no country name starts with them, then the
/// latest letter starts over.
private func jumpToCountry(_ state: inout AppState, typed character: Character) -> [Effect] {
    let countries = state.browser.countries
    func firstMatch(_ prefix: String) -> Int? {
        let folded = SearchText.fold(prefix)
        return countries.firstIndex { SearchText.fold($0.name).hasPrefix(folded) }
    }
    var prefix = state.browser.countryJump + String(character)
    var match = firstMatch(prefix)
    if match == nil {
        prefix = String(character)
        match = firstMatch(prefix)
    }
    state.browser.countryJump = match == nil ? "" : prefix
    guard let match, match + 1 != state.browser.countryIndex else { return [] }
    state.browser.countryIndex = match + 1
    return requery(&state)
}
