import BitrefillAPI
import Foundation
import Synchronization

/// The request budgets the API reported for the list and detail calls of the account history, per endpoint
/// (each has its own 60 per 10 minutes), fed from the client's events.
final class AccountBudget: Sendable {
    private let budgets = Mutex<[String: RateLimitStatus]>([:])

    static let endpoints: Set<String> = ["GET /invoices", "GET /orders", "GET /invoices/{id}", "GET /orders/{id}"]

    func note(_ event: ClientEvent) {
        guard case .rateLimit(let endpoint, let status) = event, Self.endpoints.contains(endpoint) else { return }
        budgets.withLock { $0[endpoint] = status }
    }

    func status(for endpoint: String) -> RateLimitStatus? {
        budgets.withLock { $0[endpoint] }
    }

    /// The tightest budget reported, for the one figure a screen shows.
    var tightest: RateLimitStatus? {
        budgets.withLock { budgets in
            budgets.values.min { ($0.remaining ?? .max) < ($1.remaining ?? .max) }
        }
    }
}
