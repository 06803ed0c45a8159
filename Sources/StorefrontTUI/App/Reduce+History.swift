import Foundation
import StorefrontDomain

/// `h`: every purchase in the journal, unfinished on top, newest first.
func openHistory(_ state: inout AppState) -> [Effect] {
    switch state.screen {
    case .history:
        return []
    case .purchase:
        state.checkout.history.returnTo = .browser
        leavePurchase(&state, to: .history)
    case .browser, .cart, .review, .esim, .phoneRefill, .account:
        state.checkout.history.returnTo = state.screen
        state.screen = .history
        state.message = nil
    }
    state.checkout.history.isLoading = true
    return [readHistory(state.checkout.history)]
}

/// Reads the history as it is filtered now: search words and whose purchases.
func readHistory(_ history: HistoryState) -> Effect {
    .checkout(.loadHistory(filter: history.filter, agent: history.agent))
}

func handleHistoryKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.checkout.history.isEditingFilter, let effects = editFilter(&state, key) { return effects }
    guard let command = Keymap.command(for: key, in: .history) else { return [] }
    if let effects = screenCommand(&state, command) { return effects }
    let rows = Layout(width: state.width, height: state.height).historyRows
    var history = state.checkout.history
    switch command {
    case .moveUp: history.selection -= 1
    case .moveDown: history.selection += 1
    case .pageUp: history.selection -= rows
    case .pageDown: history.selection += rows
    case .top: history.selection = 0
    case .bottom: history.selection = history.entries.count - 1
    case .startSearch:
        // A new `/` starts a new filter, as in fzf, less and vim.
        history.isEditingFilter = true
        state.lineCursor = LineCursor(field: .historyFilter)
        if !history.filter.isEmpty {
            history.filter = ""
            history.isLoading = true
            history.selection = 0
            history.scroll = 0
            state.checkout.history = history
            return [readHistory(history)]
        }
    case .open:
        guard let entry = history.selectedEntry else { return [] }
        // A purchase followed in this session is newer than the journal's copy read when the list loaded.
        if state.checkout.purchases[entry.id] == nil { state.checkout.purchases[entry.id] = entry }
        state.message = nil
        return openPurchase(&state, id: entry.id, returnTo: .history)
    case .onlyMine, .onlySelectedAgent:
        return filterByAgent(&state, command)
    case .back:
        state.screen = history.returnTo
        state.message = nil
        return []
    case .openCart:
        state.screen = .cart
        state.message = nil
        return []
    default:
        return []
    }
    state.checkout.history = history
    clampHistory(&state)
    return []
}

/// Typing the filter: each keystroke asks the journal again. nil for keys the list itself handles.
private func editFilter(_ state: inout AppState, _ key: Key) -> [Effect]? {
    var history = state.checkout.history
    switch key {
    case _ where LineEditor.isEditing(key):
        let edited = state.edit(history.filter, in: .historyFilter, key, limit: 60) ?? history.filter
        guard edited != history.filter else { return [] }
        history.filter = edited
    case .enter, .tab:
        state.checkout.history.isEditingFilter = false
        return []
    case .escape:
        history.isEditingFilter = false
        guard !history.filter.isEmpty else {
            state.checkout.history = history
            return []
        }
        history.filter = ""
    default:
        return nil
    }
    history.isLoading = true
    history.selection = 0
    history.scroll = 0
    state.checkout.history = history
    return [readHistory(history)]
}

/// Keeps the history's selection inside the list and on screen.
func clampHistory(_ state: inout AppState) {
    let rows = Layout(width: state.width, height: state.height).historyRows
    var history = state.checkout.history
    history.selection = min(max(0, history.selection), max(0, history.entries.count - 1))
    if history.selection < history.scroll { history.scroll = history.selection }
    if history.selection >= history.scroll + rows { history.scroll = history.selection - rows + 1 }
    history.scroll = max(0, min(history.scroll, max(0, history.entries.count - rows)))
    state.checkout.history = history
}

extension Layout {
    /// History rows inside the body: borders, the filter line and the column header take four.
    var historyRows: Int { max(1, body.height - 4) }
}
