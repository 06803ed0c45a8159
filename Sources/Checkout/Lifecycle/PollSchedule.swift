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

import Synchronization

/// Where a follow stands between two looks, for the "next check in 4 s" line.
public struct FollowProgress: Sendable, Equatable {
    public var attempt: Int
    public var nextCheck: Date?
    public var budget: RateLimitStatus?
}

/// Cuts a follow's wait short: the "check now" key, or a webhook saying the invoice changed.
public final class CheckNowSignal: Sendable {
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let pending = Mutex(false)

    public init() {}

    public func fire() {
        if !wake() { pending.withLock { $0 = true } }
    }

    /// Resumes a waiting follower; false when none waits.
    private func wake() -> Bool {
        let continuation = waiter.withLock { value -> CheckedContinuation<Void, Never>? in
            defer { value = nil }
            return value
        }
        continuation?.resume()
        return continuation != nil
    }

    /// Returns after `seconds`, or sooner when fired.
    public func wait(upTo seconds: TimeInterval) async {
        if pending.withLock({ value in defer { value = false }; return value }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    self.waiter.withLock { $0 = continuation }
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                _ = self.wake()
            }
            await group.next()
            group.cancelAll()
        }
    }
}
