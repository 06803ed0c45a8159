import StorefrontDomain

/// Purchases the team feed read as they changed (colleagues' and this host's). A row already in the history changes
/// in place; a purchase the history has not listed yet makes the open history read the journal again, so the filter
/// and the order stay the journal's, with the selection kept on its purchase (`historyLoaded`). A purchase on screen
/// changes too, unless this host is following it: its own follow says when it settles.
func teamChanged(_ state: inout AppState, _ purchases: [Purchase]) -> [Effect] {
    var unlisted = false
    for purchase in purchases {
        if let index = state.checkout.history.entries.firstIndex(where: { $0.id == purchase.id }) {
            state.checkout.history.entries[index] = purchase
        } else {
            unlisted = true
        }
        if state.checkout.purchases[purchase.id] != nil, state.checkout.follows[purchase.id] == nil {
            state.checkout.purchases[purchase.id] = purchase
        }
    }
    var effects = requestQRCodes(&state)
    if unlisted, state.screen == .history {
        effects.append(readHistory(state.checkout.history))
    }
    return effects
}
