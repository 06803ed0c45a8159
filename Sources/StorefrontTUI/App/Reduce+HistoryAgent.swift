import StorefrontDomain

/// Whose purchases the team's history lists. A desk's journal holds every agent's purchases; an agent mostly wants
/// their own (`m`, as `history --mine`), or a colleague's whose purchase is selected (`a`, as `history --agent`).
/// Each key pressed again shows everyone's. The search words stay as they are.
func filterByAgent(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard state.connection.isTeam else {
        state.message = StatusMessage(.info, "Every purchase here is yours: m and a narrow a team's history (--database-url).")
        return []
    }
    var history = state.checkout.history
    let wanted: String?
    switch command {
    case .onlyMine:
        guard let me = state.connection.agent else { return [] }
        wanted = history.agent == me ? nil : me
    default:
        if history.agent != nil {
            wanted = nil
        } else {
            guard let entry = history.selectedEntry else { return [] }
            guard let agent = entry.agent else {
                state.message = StatusMessage(.info, "This purchase names no agent: it was bought before agents were recorded.")
                return []
            }
            wanted = agent
        }
    }
    history.agent = wanted
    history.isLoading = true
    history.selection = 0
    history.scroll = 0
    state.checkout.history = history
    state.message = nil
    return [readHistory(history)]
}

extension HistoryState {
    /// Whose purchases are listed, for the title: "mine", "alice@desk2's" or "everyone's".
    func whose(me: String?) -> String {
        guard let agent else { return "everyone's" }
        return agent == me ? "mine" : "\(Sanitizer.clean(agent))'s"
    }
}
