import Checkout
import StorefrontDomain

/// The storefront's history follows the team journal through this: purchases only (the history reads the agent from
/// the journal itself), from the changes made after the feed starts.
extension TeamFeed: PurchaseFeed {
    public func follow(_ changed: @escaping @Sendable ([Purchase]) async -> Void) async {
        await follow(from: nil) { event in
            if case .changed(let changes) = event { await changed(changes.map(\.purchase)) }
        }
    }
}
