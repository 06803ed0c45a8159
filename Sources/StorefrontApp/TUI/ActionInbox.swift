import StorefrontTUI
import Synchronization

/// Where effect results wait for the UI thread: written from any task, drained by the loop between keys.
public final class ActionInbox: Sendable {
    private let pending = Mutex<[AppAction]>([])

    public init() {}

    public func post(_ action: AppAction) {
        pending.withLock { $0.append(action) }
    }

    /// Everything posted so far, oldest first.
    public func drain() -> [AppAction] {
        pending.withLock { actions in
            defer { actions.removeAll(keepingCapacity: true) }
            return actions
        }
    }
}
