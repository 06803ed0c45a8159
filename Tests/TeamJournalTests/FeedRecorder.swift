import Foundation
import Synchronization
import TeamJournal

/// A running feed's events as a test reads them: recorded as they come, waited for by what they say (bounded, so a
/// feed that never delivers fails the test instead of hanging it).
final class FeedRecorder: Sendable {
    private let log: EventLog
    private let task: Task<Void, Never>

    /// `whenLost` is awaited when the feed reports its connection lost, before it reconnects (the feed awaits each
    /// delivery), so a test can change the journal while no one listens.
    init(_ feed: TeamFeed, from cursor: FeedCursor?, whenLost: (@Sendable () async -> Void)? = nil) {
        let log = EventLog()
        self.log = log
        task = Task {
            await feed.follow(from: cursor) { event in
                log.append(event)
                if case .lost = event { await whenLost?() }
            }
        }
    }

    deinit { task.cancel() }

    var all: [TeamFeedEvent] { log.events.withLock { $0 } }

    /// Every purchase change seen so far, in the order delivered.
    var changes: [PurchaseChange] {
        all.flatMap { event -> [PurchaseChange] in
            if case .changed(let changes) = event { return changes }
            return []
        }
    }

    struct NeverSeen: Error, CustomStringConvertible {
        let description: String
    }

    /// Waits until `condition` holds of the events recorded.
    func waitUntil(_ what: String, _ condition: ([TeamFeedEvent]) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if condition(all) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw NeverSeen(description: "the feed never showed \(what); it showed \(all)")
    }

    /// Waits until the feed showed purchase `id` at `stage`.
    func waitFor(_ id: String, at stage: String) async throws {
        try await waitUntil("\(id) at \(stage)") { _ in changes.contains { $0.purchase.id == id && $0.purchase.stage.rawValue == stage } }
    }
}

final class EventLog: Sendable {
    let events = Mutex<[TeamFeedEvent]>([])

    func append(_ event: TeamFeedEvent) {
        events.withLock { $0.append(event) }
    }
}

