import Foundation
import NIOConcurrencyHelpers

/// Where the sandbox's time comes from.
public enum SandboxTime: Sendable, Equatable {
    /// The system clock: what `storefront sandbox serve` and the embedded demo use.
    case system
    /// Frozen at `startingAt`, moving only through `SandboxControl.advanceClock(by:)`: tests decide every
    /// instant, so a busy machine cannot make an invoice settle early.
    case manual(startingAt: Date)
}

/// The sandbox's notion of now, and the only way it waits: the system clock (or a frozen start) plus an
/// offset that only grows.
///
/// Tests and demos move it forward (`SandboxControl.advanceClock(by:)`) to reach expiry, delivery or a
/// rate-limit reset without waiting. Shared by the store, the rate limiter and the webhook dispatcher,
/// read on every request, hence a lock rather than an actor.
final class SandboxClock: Sendable {
    /// A `sleep(until:)` on a manual clock: registered before it suspends, so a cancellation that comes
    /// first is not lost.
    private enum Sleeper {
        case registered
        case waiting(deadline: Date, continuation: CheckedContinuation<Void, Never>)
        case cancelled
    }

    private struct State {
        var offset: TimeInterval = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var nextSleeper: UInt64 = 0
    }

    /// nil: the system clock.
    private let frozenStart: Date?
    private let state = NIOLockedValueBox(State())

    init(_ time: SandboxTime = .system) {
        switch time {
        case .system: frozenStart = nil
        case .manual(let start): frozenStart = start
        }
    }

    func now() -> Date {
        state.withLockedValue { now(offset: $0.offset) }
    }

    func advance(by seconds: TimeInterval) {
        let due = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.offset += max(0, seconds)
            let now = now(offset: state.offset)
            var ready: [CheckedContinuation<Void, Never>] = []
            for (id, sleeper) in state.sleepers {
                if case .waiting(let deadline, let continuation) = sleeper, deadline <= now {
                    state.sleepers[id] = nil
                    ready.append(continuation)
                }
            }
            return ready
        }
        for continuation in due { continuation.resume() }
    }

    /// Returns once the sandbox time reaches `deadline`, or the task is cancelled. On a manual clock only
    /// `advance(by:)` gets it there.
    func sleep(until deadline: Date) async {
        guard frozenStart != nil else {
            let remaining = deadline.timeIntervalSince(now())
            if remaining > 0 { try? await Task.sleep(for: .seconds(remaining)) }
            return
        }
        let id = state.withLockedValue { state -> UInt64 in
            state.nextSleeper += 1
            state.sleepers[state.nextSleeper] = .registered
            return state.nextSleeper
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeAtOnce = state.withLockedValue { state -> Bool in
                    guard case .registered = state.sleepers[id], now(offset: state.offset) < deadline else {
                        state.sleepers[id] = nil
                        return true
                    }
                    state.sleepers[id] = .waiting(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeAtOnce { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
                switch state.sleepers[id] {
                case .registered:
                    state.sleepers[id] = .cancelled
                    return nil
                case .waiting(_, let continuation):
                    state.sleepers[id] = nil
                    return continuation
                case .cancelled, nil:
                    return nil
                }
            }
            continuation?.resume()
        }
    }

    private func now(offset: TimeInterval) -> Date {
        (frozenStart ?? Date()).addingTimeInterval(offset)
    }
}
