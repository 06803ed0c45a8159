import StorefrontDomain

extension StatusBarView {
    /// The keys of the review, purchase and history screens; nil on the others. The purchase screen names only
    /// what applies now (p only while a balance payment waits, s only in the sandbox, r only once there is a code).
    static func checkoutHints(_ state: AppState) -> [(String, String)]? {
        switch state.screen {
        case .browser, .cart:
            return nil
        case .esim, .phoneRefill:
            return lineToolHints(state)
        case .account:
            return accountHints(state)
        case .review:
            let form = state.checkout.review
            if form.isEditingText { return [("Enter", "summary"), ("Tab", "next field"), ("Esc", "cart")] }
            let change = form.field == .autoPay ? ("Space", "on/off") : ("←→", "payment method")
            return [change, ("Tab", "next field"), ("Enter", "summary, then y buys"), ("Esc", "cart"), ("?", "help")]
        case .purchase:
            return purchaseHints(state)
        case .history:
            if state.checkout.history.isEditingFilter { return [("Enter", "done"), ("Esc", "clear"), ("↑↓", "move")] }
            let team = state.connection.isTeam ? [("m", "mine/all"), ("a", "agent")] : []
            return [("↑↓", "move"), ("Enter", "open"), ("/", "filter")] + team + [("Esc", "back"), ("?", "help"), ("q", "quit")]
        }
    }

    private static func purchaseHints(_ state: AppState) -> [(String, String)] {
        guard let purchase = state.checkout.shownPurchase else { return [("Esc", "back")] }
        var hints: [(String, String)] = []
        if purchase.awaitsBalancePayment { hints.append(("p", "pay now")) }
        if purchase.awaitsCryptoPayment, state.connection.isSandbox { hints.append(("s", "simulate payment")) }
        if purchase.isUnfinished { hints.append(("n", "check now")) }
        let values = PurchaseValues.list(for: purchase)
        if values.contains(where: \.isSecret), !state.checkout.presenting { hints.append(("r", "reveal")) }
        if !values.isEmpty { hints += [("↑↓", "select"), ("Y", "copy")] }
        if PurchaseView.qrCode(state, purchase) != nil { hints.append(("m", "QR mode")) }
        hints += [("P", state.checkout.presenting ? "stop presenting" : "present"), ("h", "history"), ("Esc", "back")]
        return hints
    }
}
