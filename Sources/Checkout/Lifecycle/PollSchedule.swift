import BitrefillAPI
import Foundation

/// How long to wait before the next look at an invoice: quick at first (a balance purchase often delivers in
/// seconds), then slower, and stretched so the remaining request budget lasts until it resets.
public enum PollSchedule {
    static let steps: [TimeInterval] = [1, 1, 2, 2, 3, 3, 5, 5, 8, 10, 15]
    /// Requests kept back for the user's own actions (check now, pay, open another screen).
    static let reserve = 3

    public static func delay(attempt: Int, budget: RateLimitStatus?, now: Date) -> TimeInterval {
        let base = steps[min(max(0, attempt), steps.count - 1)]
        guard let budget, let remaining = budget.remaining, let resetAt = budget.resetAt, resetAt > now else { return base }
        let window = resetAt.timeIntervalSince(now)
        if remaining <= reserve { return max(base, window + 1) }
        return max(base, window / Double(remaining - reserve))
    }
}
