import StorefrontDomain

extension AppState {
    /// Whether an order's secrets show now: revealed with `r` less than 30 s ago, on this visit to the screen,
    /// and not in presentation mode.
    public func isRevealed(orderId: String?) -> Bool {
        guard !checkout.presenting, let orderId, let shown = checkout.shown, shown.revealedOrder == orderId,
              let until = shown.revealedUntil else { return false }
        return now < until
    }
}
