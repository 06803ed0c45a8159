import Foundation
import Synchronization

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

    /// Someone is waiting now: a fire would cut their wait short.
    public var isWaiting: Bool { state.withLock { $0.waiter != nil } }

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
