import StorefrontDomain
import Synchronization

/// Holds a refresh's progress and hands every change to the listener. Client events arrive on the client's
/// threads while pages arrive on the refresh's task, hence the lock.
final class ProgressReporter: Sendable {
    private let state: Mutex<RefreshProgress>
    private let listener: @Sendable (RefreshProgress) -> Void

    init(_ initial: RefreshProgress, listener: @escaping @Sendable (RefreshProgress) -> Void) {
        state = Mutex(initial)
        self.listener = listener
        listener(initial)
    }

    var current: RefreshProgress { state.withLock { $0 } }

    func update(_ change: (inout RefreshProgress) -> Void) {
        // Delivered under the lock so that listeners see changes in the order they were made.
        state.withLock { progress in
            change(&progress)
            listener(progress)
        }
    }
}
