import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// Colleagues' purchases as they change: LISTEN on a connection of the feed's own, and read each notified purchase.
///
/// postgres-nio does not LISTEN again after its connection is lost, and a notification sent while no one listened
/// is gone. So a lost connection is made again with backoff, LISTEN is sent again, and every purchase change committed
/// since the feed's last read (by the database's snapshot, not by change number: numbers are taken before commit, so
/// they commit out of order) is read back before live changes: a database restart loses nothing. The notification
/// carries the purchase's id and change number only; it says when to read, and the row is read here under the team key.
public final class TeamFeed: Sendable {
    /// The channel the journal's trigger notifies on every insert or update of a purchase.
    public static let channel = "storefront_purchases"
    let url: TeamDatabaseURL
    let journal: PostgresJournal
    let backoff: ReconnectBackoff

    /// `journal` opens the rows (it holds the team key); the feed's connection is its own, never one of its pool.
    public init(url: TeamDatabaseURL, journal: PostgresJournal, backoff: ReconnectBackoff = ReconnectBackoff()) {
        self.url = url
        self.journal = journal
        self.backoff = backoff
    }

    /// Follows the journal until the task is cancelled, from `cursor` (nil: from the changes made after the first
    /// connection). `deliver` is awaited before the next read, so a slow reader slows the feed rather than piling up.
    public func follow(from cursor: FeedCursor?, _ deliver: @escaping @Sendable (TeamFeedEvent) async -> Void) async {
        var cursor = cursor
        var failures = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(),
                                                                      configuration: try url.connectionConfiguration(), id: 1,
                                                                      logger: PostgresJournal.logger).get()
                do {
                    try await connection.listen(on: Self.channel) { notifications in
                        let read: PostgresJournal.Reader = { try await connection.query($0, logger: PostgresJournal.logger) }
                        var position: FeedCursor
                        if let cursor {
                            position = cursor
                        } else {
                            position = FeedCursor(snapshot: try await PostgresJournal.currentSnapshot(read))
                        }
                        if failures > 0 { await deliver(.resumed) }
                        failures = 0
                        try await publish(journal.changes(since: position, read), to: &position, deliver)
                        cursor = position
                        for try await notification in notifications {
                            guard let named = ChangeNotice(notification.payload), position.isNew(id: named.id, seq: named.seq) else { continue }
                            try await publish(journal.changes(since: position, read), to: &position, deliver)
                            cursor = position
                        }
                        throw FeedInterrupted()
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
            } catch {
                if Task.isCancelled { return }
                failures += 1
                if failures == 1 { await deliver(.lost(TeamSchema.describe(error))) }
                try? await Task.sleep(for: backoff.delay(afterFailures: failures))
            }
        }
    }

    private func publish(_ read: ChangeRead, to cursor: inout FeedCursor,
                         _ deliver: @Sendable (TeamFeedEvent) async -> Void) async {
        let fresh = cursor.admit(read)
        if !fresh.isEmpty { await deliver(.changed(fresh)) }
    }
}

/// A notification's payload: `{"id": …, "seq": …}`, and nothing else.
struct ChangeNotice: Decodable {
    let id: String
    let seq: Int64

    init?(_ payload: String) {
        guard let notice = try? JSONDecoder().decode(ChangeNotice.self, from: Data(payload.utf8)) else { return nil }
        self = notice
    }
}

/// The server stopped sending notifications without an error: the connection is made again all the same.
struct FeedInterrupted: Error, CustomStringConvertible {
    var description: String { "the team database stopped sending changes" }
}
