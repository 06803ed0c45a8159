import Foundation
import StorefrontDomain

/// `A`, from anywhere: the account's invoices, from the cache at once and from the server when stale.
func openAccount(_ state: inout AppState) -> [Effect] {
    switch state.screen {
    case .account:
        return []
    case .purchase:
        leavePurchase(&state, to: .account)
        state.account.returnTo = .browser
    default:
        state.account.returnTo = state.screen
        state.screen = .account
        state.message = nil
    }
    state.account.isLoading = true
    state.account.problem = nil
    return [.account(.load(force: false))]
}

func reduceAccount(_ state: inout AppState, _ event: AccountEvent) -> [Effect] {
    var account = state.account
    switch event {
    case .waiting(let until):
        account.waitingUntil = until
    case .loaded(let snapshot, let stillLoading):
        account.waitingUntil = nil
        apply(snapshot, to: &account)
        account.isLoading = stillLoading
        if !stillLoading { account.problem = nil }
    case .failed(let message, let snapshot):
        account.waitingUntil = nil
        if let snapshot { apply(snapshot, to: &account) }
        account.isLoading = false
        account.problem = message
        state.message = StatusMessage(.error, message)
    case .opened(let detail):
        guard account.opening == detail.invoice.id else { return [] }
        account.opening = nil
        account.detail = detail
        account.detailScroll = 0
        account.revealedUntil = nil
        if let index = account.invoices.firstIndex(where: { $0.id == detail.invoice.id }) { account.invoices[index] = detail.invoice }
    case .openFailed(let id, let message):
        guard account.opening == id else { return [] }
        account.opening = nil
        state.message = StatusMessage(.error, message)
    }
    state.account = account
    clampAccount(&state)
    return []
}

private func apply(_ snapshot: AccountHistorySnapshot, to account: inout AccountScreenState) {
    let selected = account.selectedInvoice?.id
    account.invoices = snapshot.invoices
    account.complete = snapshot.invoicesComplete
    account.fetchedAt = snapshot.fetchedAt
    account.budget = snapshot.budget ?? account.budget
    // The selection stays on its invoice when newer ones arrive above it.
    if let selected, let index = account.visible.firstIndex(where: { $0.id == selected }) { account.selection = index }
}

func handleAccountKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.account.detail != nil { return handleAccountDetailKey(&state, key) }
    // Typing filters what is loaded; pages are read only as the user scrolls, so a filter never spends the budget.
    if state.account.isEditingFilter, editAccountFilter(&state, key) { return [] }
    guard let command = Keymap.command(for: key, in: .account) else { return [] }
    if let effects = screenCommand(&state, command) { return effects }
    let rows = Layout(width: state.width, height: state.height).accountRows
    var account = state.account
    switch command {
    case .moveUp: account.selection -= 1
    case .moveDown: account.selection += 1
    case .pageUp: account.selection -= rows
    case .pageDown: account.selection += rows
    case .top: account.selection = 0
    case .bottom: account.selection = account.visible.count - 1
    case .startSearch:
        // A new `/` starts a new filter, as in fzf, less and vim.
        account.isEditingFilter = true
        account.filter = ""
        account.selection = 0
        account.scroll = 0
        state.lineCursor = LineCursor(field: .accountFilter)
    case .checkNow:
        guard !account.isLoading else { return [] }
        account.isLoading = true
        account.problem = nil
        state.account = account
        return [.account(.load(force: true))]
    case .open:
        guard let invoice = account.selectedInvoice, account.opening == nil else { return [] }
        account.opening = invoice.id
        state.account = account
        state.message = nil
        return [.account(.open(invoiceId: invoice.id))]
    case .back:
        state.screen = account.returnTo
        state.message = nil
        return []
    case .openCart:
        state.screen = .cart
        state.message = nil
        return []
    default:
        return []
    }
    state.account = account
    clampAccount(&state)
    return loadMoreIfNeeded(&state)
}

/// The opened invoice: scroll, `r` reveals its codes for 30 s (never while presenting), Esc goes back to the list
/// and hides them.
private func handleAccountDetailKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let command = Keymap.command(for: key, in: .account) else { return [] }
    switch command {
    case .back:
        state.account.detail = nil
        state.account.revealedUntil = nil
        state.message = nil
        return []
    case .reveal:
        guard !state.checkout.presenting else {
            state.message = StatusMessage(.error, "Presentation mode keeps codes hidden: P ends it first.")
            return []
        }
        guard let detail = state.account.detail, detail.orders.flatMap(PurchaseValues.values(of:)).contains(where: \.isSecret) else {
            state.message = StatusMessage(.info, "Nothing to reveal: no order of this invoice has a code.")
            return []
        }
        if state.isAccountRevealed {
            state.account.revealedUntil = nil
            state.message = StatusMessage(.info, "Hidden again.")
        } else if state.checkout.auditsReveals {
            state.message = StatusMessage(.info, "Recording the reveal in the team's audit…")
            let reveals = detail.orders.filter { PurchaseValues.values(of: $0).contains(where: \.isSecret) }
                .map { Reveal(purchaseId: nil, invoiceId: detail.invoice.id, orderId: $0.id, way: .screen) }
            return [.checkout(.recordReveals(reveals, then: .accountInvoice(invoiceId: detail.invoice.id)))]
        } else {
            showAccountInvoice(&state)
        }
        return []
    case .moveUp: state.account.detailScroll = max(0, state.account.detailScroll - 1)
    case .moveDown: state.account.detailScroll += 1
    case .pageUp: state.account.detailScroll = max(0, state.account.detailScroll - 10)
    case .pageDown: state.account.detailScroll += 10
    case .top: state.account.detailScroll = 0
    case .togglePresentation:
        state.account.revealedUntil = nil
        return togglePresentation(&state)
    default:
        guard let effects = screenCommand(&state, command) else { return [] }
        // Leaving the screen closes the invoice and hides its codes; help or a theme change does not.
        if state.screen != .account {
            state.account.detail = nil
            state.account.revealedUntil = nil
        }
        return effects
    }
    return []
}

/// Typing the filter narrows what is loaded at once; no request. False for keys the list handles.
private func editAccountFilter(_ state: inout AppState, _ key: Key) -> Bool {
    var account = state.account
    switch key {
    case _ where LineEditor.isEditing(key):
        account.filter = state.edit(account.filter, in: .accountFilter, key, limit: 60) ?? account.filter
    case .enter, .tab:
        account.isEditingFilter = false
    case .escape:
        account.isEditingFilter = false
        account.filter = ""
    default:
        return false
    }
    account.selection = 0
    account.scroll = 0
    state.account = account
    return true
}

/// Paging as the user scrolls: within a screen of the end of what is loaded, the next page is asked for.
private func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
    let account = state.account
    guard !account.complete, !account.isLoading, account.problem == nil else { return [] }
    let rows = Layout(width: state.width, height: state.height).accountRows
    guard account.selection + rows >= account.visible.count else { return [] }
    state.account.isLoading = true
    return [.account(.loadMore)]
}

/// Keeps the selection inside the list and on screen.
func clampAccount(_ state: inout AppState) {
    let rows = Layout(width: state.width, height: state.height).accountRows
    var account = state.account
    let count = account.visible.count
    account.selection = min(max(0, account.selection), max(0, count - 1))
    if account.selection < account.scroll { account.scroll = account.selection }
    if account.selection >= account.scroll + rows { account.scroll = account.selection - rows + 1 }
    account.scroll = max(0, min(account.scroll, max(0, count - rows)))
    state.account = account
}

extension AppState {
    /// Whether the opened invoice's codes show now: `r` less than 30 s ago, and not presenting.
    public var isAccountRevealed: Bool {
        guard !checkout.presenting, let until = account.revealedUntil else { return false }
        return now < until
    }
}

extension Layout {
    /// Account rows inside the body: borders, the filter line, the column header and the foot line take five.
    var accountRows: Int { max(1, body.height - 5) }
}
