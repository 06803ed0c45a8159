import BitrefillAPI
import Synchronization

/// Carries the API client's events (rate-limit waits, retries, remaining budget) to whoever is refreshing the
/// catalog. The client takes its `onEvent` when it is built, long before a refresh starts: pass `send` there,
/// and a refresh listens while it runs.
public final class ClientEventRelay: Sendable {
    private let listener = Mutex<(@Sendable (ClientEvent) -> Void)?>(nil)

    public init() {}

    /// The client's `onEvent`.
    public func send(_ event: ClientEvent) {
        listener.withLock { $0 }?(event)
    }

    func listen(_ handler: @escaping @Sendable (ClientEvent) -> Void) {
        listener.withLock { $0 = handler }
    }

    func stopListening() {
        listener.withLock { $0 = nil }
    }
}
