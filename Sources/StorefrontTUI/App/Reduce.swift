import Foundation
import StorefrontDomain

/// The only place the state changes. Pure: no clock, no I/O; what must happen outside comes back as effects.
public func reduce(_ state: inout AppState, _ action: AppAction) -> [Effect] {
    let effects = reduceAction(&state, action)
    state.settleMessage()
    return effects
}

private func reduceAction(_ state: inout AppState, _ action: AppAction) -> [Effect] {
    switch action {
    case .keyPressed(let key):
        // An `a` waiting for its product is given up by any other key (`a` itself asks again).
        state.browser.addWhenLoaded = nil
        return handleKey(&state, key)
    case .resized(let width, let height):
        state.width = width
        state.height = height
        clampScroll(&state)
        return [.repaintAll]
    case .ticked(let now):
        state.now = now
        return []
    case .terminalClosed:
        state.isQuitting = true
        return [.quit]
    case .balanceLoaded(let money):
        state.balance = money
        return []
    case .balanceFailed(let message):
        state.message = StatusMessage(.error, "Balance unavailable: \(message)")
        return []
    case .catalogSummaryLoaded(let count, let refreshedAt):
        state.catalog.productCount = count
        state.catalog.refreshedAt = refreshedAt
        return []
    case .teamDatabaseChecked(let answering, let cartProblem):
        state.teamDatabaseDown = !answering
        // Said when it starts and when it ends, not at every check: other messages stay readable meanwhile.
        if cartProblem != state.cartHoldProblem {
            state.message = cartProblem.map { StatusMessage(.error, $0) }
                ?? StatusMessage(.info, "The cart is saved again: lines of purchases in flight stay held across a restart.")
            state.cartHoldProblem = cartProblem
        }
        return []
    case .catalogUnreadable(let detail):
        state.message = StatusMessage(.error, "The catalog cache could not be read (\(detail)). `storefront catalog refresh` rebuilds it; the cart and purchases are not affected.")
        return []
    case .countriesLoaded(let countries, let totals):
        let selectedCode = state.browser.selectedCountry?.code
        state.browser.countries = countries
        state.browser.totals = totals
        state.browser.countryIndex = selectedCode.flatMap { code in countries.firstIndex { $0.code == code }.map { $0 + 1 } } ?? 0
        return []
    case .productsLoaded(let page, let query):
        return productsLoaded(&state, page, query)
    case .productsFailed(let message, let query):
        guard query.sameFilter(as: state.browser.query) else { return [] }
        state.browser.isLoading = false
        state.message = StatusMessage(.error, message)
        return []
    case .detailLoaded(let detail):
        guard state.browser.selectedProduct?.id == detail.summary.id else { return [] }
        if state.browser.detail?.summary.id != detail.summary.id { state.browser.detailScroll = 0 }
        state.browser.detail = detail
        if state.browser.addWhenLoaded == detail.summary.id, state.screen == .browser, state.overlay == nil {
            state.message = nil
            return openAddToCart(&state)
        }
        return []
    case .detailFailed(let productId, let message):
        guard state.browser.selectedProduct?.id == productId else { return [] }
        state.message = StatusMessage(.error, message)
        return []
    case .refreshProgressed(let progress):
        return refreshProgressed(&state, progress)
    case .refreshFailed(let message):
        state.catalog.progress = nil
        state.catalog.refreshError = message
        state.message = StatusMessage(.error, "Catalog refresh failed, the cached catalog stays in use: \(message)")
        return []
    case .cartLoaded(let lines, let held, let unsettled):
        state.cart = Cart(lines: lines)
        state.checkout.heldLines = held
        if let unsettled { state.message = StatusMessage(.error, unsettled) }
        return []
    case .cartSaveFailed(let message):
        state.message = StatusMessage(.error, "The cart could not be saved: \(message)")
        return []
    case .themeFailed(let message):
        state.message = StatusMessage(.error, "\(message) Using the default theme.")
        return []
    case .themeChanged(let name):
        state.message = StatusMessage(.info, "Theme: \(name)")
        return []
    case .checkout(let event):
        let effects = reduceCheckout(&state, event)
        return effects + esimAfterCheckout(&state, event)
    case .esim(let event):
        return reduceESIM(&state, event)
    case .account(let event):
        return reduceAccount(&state, event)
    case .phoneRefill(let event):
        return reducePhoneRefill(&state, event)
    }
}

/// The browser's query for the current filters, from `offset`.
func currentQuery(_ state: AppState, offset: Int = 0) -> CatalogQuery {
    CatalogQuery(country: state.browser.selectedCountry?.code, type: state.browser.type, text: state.browser.searchText,
                 offset: offset, limit: productPageSize)
}

/// Products are loaded a hundred at a time; more are asked for as the selection nears the end.
let productPageSize = 100

/// Starts a new query for the current filters. The bar stays on its product until the answer comes; then it
/// follows that product if the new list has it, and goes to the top if not (see `productsLoaded`).
func requery(_ state: inout AppState) -> [Effect] {
    let query = currentQuery(state)
    state.browser.keeping = nil
    state.browser.query = query
    state.browser.isLoading = true
    return [.queryProducts(query)]
}

private func productsLoaded(_ state: inout AppState, _ page: ProductPage, _ query: CatalogQuery) -> [Effect] {
    guard query.sameFilter(as: state.browser.query) else { return [] }
    let previous = state.browser.selectedProduct?.id
    if query.offset == 0 {
        if state.browser.barMoved, let keeping = state.browser.keeping, keeping == previous, let limit = query.limit, page.items.count < page.totalCount,
           !page.items.contains(where: { $0.id == keeping }) {
            var further = query
            further.limit = min(page.totalCount, limit * 4)
            state.browser.query = further
            return [.queryProducts(further)]
        }
        state.browser.keeping = nil
        followSelection(&state, to: page.items, selected: previous)
    } else if query.offset == state.browser.products.count {
        state.browser.products += page.items
    } else {
        return []
    }
    state.browser.totalProducts = page.totalCount
    state.browser.isLoading = false
    clampScroll(&state)
    return detailEffects(&state, previous: previous)
}

/// Replaces the list, keeping the bar on the product it was on (and on the same screen row when it can):
/// a refresh, a requery or a new order must never leave the bar on whatever product moved under it. A bar the
/// user never moved stays on the first row instead, so a first fill shows the list from its first product.
private func followSelection(_ state: inout AppState, to products: [ProductSummary], selected: String?) {
    let rowOnScreen = state.browser.selection - state.browser.scroll
    state.browser.products = products
    if !state.browser.barMoved {
        state.browser.selection = 0
        state.browser.scroll = 0
    } else if let selected, let index = products.firstIndex(where: { $0.id == selected }) {
        state.browser.selection = index
        state.browser.scroll = max(0, index - rowOnScreen)
    } else {
        state.browser.selection = 0
        state.browser.scroll = 0
    }
}

/// Asks for the selected product's detail when the selection landed on another product.
func detailEffects(_ state: inout AppState, previous: String?) -> [Effect] {
    guard let selected = state.browser.selectedProduct else {
        state.browser.detail = nil
        return []
    }
    guard selected.id != previous || state.browser.detail?.summary.id != selected.id else { return [] }
    // The previous detail stays until the new one arrives (a millisecond later): blanking the pane in between
    // would repaint it twice for every row moved.
    return [.loadDetail(productId: selected.id)]
}

private func refreshProgressed(_ state: inout AppState, _ progress: RefreshProgress) -> [Effect] {
    let before = state.catalog.progress?.productsAvailable ?? state.catalog.productCount
    state.catalog.progress = progress.isFinal ? nil : progress
    state.catalog.refreshError = nil
    if progress.isFinal {
        if case .failed(let message) = progress.phase {
            state.catalog.refreshError = message
            state.message = StatusMessage(.error, "Catalog refresh failed, the cached catalog stays in use: \(message)")
            return []
        }
        return [.loadCatalogSummary, .loadCountries(type: state.browser.type)] + requeryKeepingSelection(&state)
    }
    // An empty cache fills while you browse: show the first products as soon as they are written.
    let grew = progress.productsAvailable > before
    if grew, state.browser.products.count < Layout(width: state.width, height: state.height).productRows {
        return [.loadCountries(type: state.browser.type)] + requeryKeepingSelection(&state)
    }
    return []
}

/// Re-reads the list after the catalog changed underneath it, without moving the user back to the top.
private func requeryKeepingSelection(_ state: inout AppState) -> [Effect] {
    let query = CatalogQuery(country: state.browser.selectedCountry?.code, type: state.browser.type, text: state.browser.searchText,
                             offset: 0, limit: max(productPageSize, state.browser.products.count))
    state.browser.query = query
    state.browser.keeping = state.browser.selectedProduct?.id
    return [.queryProducts(query)]
}

/// Keeps selections inside their lists and visible in their panes.
func clampScroll(_ state: inout AppState) {
    let layout = Layout(width: state.width, height: state.height)
    var browser = state.browser
    browser.selection = min(max(0, browser.selection), max(0, browser.products.count - 1))
    if browser.selection < browser.scroll { browser.scroll = browser.selection }
    if browser.selection >= browser.scroll + layout.productRows { browser.scroll = browser.selection - layout.productRows + 1 }
    browser.scroll = max(0, min(browser.scroll, max(0, browser.products.count - layout.productRows)))
    browser.countryIndex = min(max(0, browser.countryIndex), browser.countries.count)
    state.browser = browser
    state.cartSelection = min(max(0, state.cartSelection), max(0, state.cart.lines.count - 1))
}

extension CatalogQuery {
    /// Same filters and text, whatever the page.
    func sameFilter(as other: CatalogQuery?) -> Bool {
        guard let other else { return false }
        return country == other.country && type == other.type && inStockOnly == other.inStockOnly && text == other.text
    }
}

/// What the app asks for when it starts: the balance, the catalog's summary and countries, the first
/// page of products, and the purchases an earlier run left unfinished.
public func startupEffects(_ state: inout AppState) -> [Effect] {
    [.loadBalance, .loadCatalogSummary, .loadCountries(type: state.browser.type)] + requery(&state) + [.checkout(.resumeUnfinished)]
}
