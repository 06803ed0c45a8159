import StorefrontDomain

extension StatusBarView {
    /// The Account screen's keys: the list's, or the opened invoice's (r only when there is a code to show).
    static func accountHints(_ state: AppState) -> [(String, String)] {
        let account = state.account
        if let detail = account.detail {
            var hints: [(String, String)] = []
            if !state.checkout.presenting, detail.orders.flatMap(PurchaseValues.values(of:)).contains(where: \.isSecret) {
                hints.append(("r", state.isAccountRevealed ? "hide" : "reveal"))
            }
            return hints + [("↑↓", "scroll"), ("P", state.checkout.presenting ? "stop presenting" : "present"), ("Esc", "back")]
        }
        if account.isEditingFilter { return [("Enter", "done"), ("Esc", "clear"), ("↑↓", "move")] }
        return [("↑↓", "move"), ("Enter", "open"), ("/", "filter"), ("n", "read again"), ("Esc", "back"), ("?", "help")]
    }
}
