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
        /// Fired while nobody waited: the next wait returns at once.
        var pending = false
        /// The current wait's time ran out before its waiter registered.
        var expired = false
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

    /// Returns after `seconds`, when fired (also when fired since the last wait), or when the task is cancelled.
    public func wait(upTo seconds: TimeInterval) async {
        state.withLock { $0.expired = false }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    // Checked and registered under one lock: neither a fire nor the end of the time is lost.
                    let goOn = self.state.withLock { state -> Bool in
                        if state.pending || state.expired {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if goOn { continuation.resume() }
                }
            }
            group.addTask {
                // Ends early when cancelled: a quitting app's follow must not wait out its delay.
                try? await Task.sleep(for: .seconds(seconds))
                self.endWait()
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// The time is up (or the wait was cancelled): resume the waiter without leaving a fire behind.
    private func endWait() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.expired = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
