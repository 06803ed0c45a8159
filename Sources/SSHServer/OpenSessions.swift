import NIOConcurrencyHelpers
import NIOCore

/// The sessions open now, so a stopping server can tell each one and wait for it to end.
final class OpenSessions: Sendable {
    struct Entry: Sendable {
        /// Tells the session the server is stopping (on its own event loop).
        let stop: @Sendable () -> Void
        /// Ends its child at once, when the drain time is over.
        let kill: @Sendable () -> Void
        /// Completes when its channel has closed.
        let ended: EventLoopFuture<Void>
    }

    private let entries = NIOLockedValueBox<[ObjectIdentifier: Entry]>([:])

    var count: Int { entries.withLockedValue { $0.count } }

    func add(_ id: ObjectIdentifier, _ entry: Entry) {
        entries.withLockedValue { $0[id] = entry }
    }

    func remove(_ id: ObjectIdentifier) {
        _ = entries.withLockedValue { $0.removeValue(forKey: id) }
    }

    /// Tells every open session; the futures complete as each one closes.
    func stopAll() -> [EventLoopFuture<Void>] {
        let all = entries.withLockedValue { Array($0.values) }
        all.forEach { $0.stop() }
        return all.map(\.ended)
    }

    func killAll() {
        entries.withLockedValue { Array($0.values) }.forEach { $0.kill() }
    }
}
