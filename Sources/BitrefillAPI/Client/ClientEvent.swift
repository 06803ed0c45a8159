import Foundation

/// What the client is doing between sending a request and returning, so a UI can show it (a countdown while
/// waiting for a rate limit, "retrying in 2 s", the remaining request budget).
public enum ClientEvent: Sendable, Equatable {
    /// A response reported the budget left for its endpoint.
    case rateLimit(endpoint: String, status: RateLimitStatus)
    /// A 429 on a safe request: waiting until `until`, then retrying.
    case waitingForRateLimit(endpoint: String, until: Date, attempt: Int)
    /// A transient failure on a safe request: retrying after `delay`.
    case retrying(endpoint: String, attempt: Int, delay: Duration, reason: String)
}
