import StorefrontDomain

/// Purchases as they change in a journal other hosts write to (the team's): what lets the storefront's history show
/// colleagues' purchases live. The embedded journal has no other writer, so it has no feed.
public protocol PurchaseFeed: Sendable {
    /// Calls `changed` with each batch of purchases that changed from now on, in the order they changed, until the
    /// task is cancelled. A lost connection is the feed's own business: it reconnects and misses nothing.
    func follow(_ changed: @escaping @Sendable ([Purchase]) async -> Void) async
}
