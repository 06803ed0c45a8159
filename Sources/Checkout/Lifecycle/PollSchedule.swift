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
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        var pending = false
    }

    private let state = Mutex(State())

    public init() {}

    public func fire() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns after `seconds`, or sooner when fired (also when fired since the last wait).
    public func wait(upTo seconds: TimeInterval) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    // The pending check and the registration happen under one lock: a fire in between is never lost.
                    let firedAlready = self.state.withLock { state -> Bool in
                        if state.pending {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if firedAlready { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                // Cancelled: a real fire ended the wait. Otherwise the time is up; firing also covers the rare
                // case of the time running out before the waiter registered.
                if !Task.isCancelled { self.fire() }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
