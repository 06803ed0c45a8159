import BitrefillAPI
import Foundation
import Synchronization

/// The last request budget the API reported, fed from the client's events.
public final class RequestBudget: Sendable {
    private let status = Mutex<RateLimitStatus?>(nil)

    public init() {}

    public var current: RateLimitStatus? { status.withLock { $0 } }

    /// The client's `onEvent`: budgets of invoice and order calls (the ones followed here) are kept.
    public func note(_ event: ClientEvent) {
        guard case .rateLimit(let endpoint, let reported) = event, endpoint.contains("/invoices") || endpoint.contains("/orders") else { return }
        status.withLock { $0 = reported }
    }
}

/// Where a follow stands between two looks, for the "next check in 4 s" line.
public struct FollowProgress: Sendable, Equatable {
    public var attempt: Int
    public var nextCheck: Date?
    public var budget: RateLimitStatus?
}
