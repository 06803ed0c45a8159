import Foundation
import Synchronization

/// A wait the test ends: `sleep` records what was asked and suspends until `wake`; `nextSleep` waits for the next ask.
public final class Ticker: Sendable {
    public init() {}

    private let state = Mutex<(asked: [TimeInterval], sleepers: [(id: Int, continuation: CheckedContinuation<Void, Never>)],
                               watchers: [CheckedContinuation<TimeInterval, Never>], nextID: Int)>(([], [], [], 0))

    /// Suspends until `wake` (or the task is cancelled, as `Task.sleep` would end).
    public func sleep(_ interval: TimeInterval) async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (sleeper: CheckedContinuation<Void, Never>) in
                // Asked even when cancelled already: a test counts every ask.
                let (watcher, cancelled) = state.withLock { state -> (CheckedContinuation<TimeInterval, Never>?, Bool) in
                    let cancelled = Task.isCancelled
                    if !cancelled { state.sleepers.append((id, sleeper)) }
                    guard !state.watchers.isEmpty else {
                        state.asked.append(interval)
                        return (nil, cancelled)
                    }
                    return (state.watchers.removeFirst(), cancelled)
                }
                if cancelled { sleeper.resume() }
                watcher?.resume(returning: interval)
            }
        } onCancel: {
            let sleeper = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index).continuation
            }
            sleeper?.resume()
        }
    }

    /// The interval of the next `sleep` (or of one already asked and not yet watched).
    @discardableResult
    public func nextSleep() async -> TimeInterval {
        await withCheckedContinuation { (watcher: CheckedContinuation<TimeInterval, Never>) in
            let asked = state.withLock { state -> TimeInterval? in
                guard !state.asked.isEmpty else {
                    state.watchers.append(watcher)
                    return nil
                }
                return state.asked.removeFirst()
            }
            if let asked { watcher.resume(returning: asked) }
        }
    }

    /// Ends the oldest sleep.
    public func wake() {
        let sleeper = state.withLock { $0.sleepers.isEmpty ? nil : $0.sleepers.removeFirst().continuation }
        sleeper?.resume()
    }

    /// Ends every sleep asked so far.
    public func wakeAll() {
        let sleepers = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.sleepers = [] }
            return state.sleepers.map(\.continuation)
        }
        sleepers.forEach { $0.resume() }
    }

    /// Sleepers still waiting when the test ends end with it.
    deinit { wakeAll() }
}
