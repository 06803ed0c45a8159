import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// The team feed's reads: purchases with their change number and agent, opened with the team key.
extension PostgresJournal {
    /// Runs a query on the feed's own connection, or on the pool when there is none.
    typealias Reader = @Sendable (PostgresQuery) async throws -> PostgresRowSequence

    static let changeFields = """
        p.change_seq, p.agent, p.updated_at, \
        ((to_jsonb(p) - 'orders_sealed' - 'change_seq' - 'change_xact') || '{"orders_json": ""}')::text, p.orders_sealed
        """

    /// The database's snapshot now: a feed starting here shows every change committed after it.
    static func currentSnapshot(_ read: Reader) async throws -> String {
        guard let snapshot = try await read("SELECT pg_current_snapshot()::text").collect().first?.decode(String.self) else {
            throw NoSnapshot()
        }
        return snapshot
    }

    /// A server that answers a one-row query with no row cannot be followed; the feed tries its connection again.
    struct NoSnapshot: Error, CustomStringConvertible {
        var description: String { "the team database did not say where its transactions stand (pg_current_snapshot)" }
    }

    /// Every purchase whose change committed after the read `cursor` stands at, in change order, and this read's
    /// snapshot, in one statement so the two agree. A change is new when its transaction was still running (or not
    /// yet begun) in the cursor's snapshot and is finished in this one: a change numbered below one already read is
    /// found as surely as one above. A row whose transaction id lies beyond this snapshot's (restored from another
    /// server's dump) is never taken for a running transaction.
    func changes(since cursor: FeedCursor, _ read: Reader) async throws -> ChangeRead {
        let rows = try await read("""
            SELECT pg_current_snapshot()::text, \(unescaped: Self.changeFields) FROM (SELECT) AS now LEFT JOIN purchase p
                ON p.change_xact >= pg_snapshot_xmin(\(cursor.snapshot)::pg_snapshot)
               AND p.change_xact < pg_snapshot_xmax(pg_current_snapshot())
               AND NOT pg_visible_in_snapshot(p.change_xact, \(cursor.snapshot)::pg_snapshot)
            ORDER BY p.change_seq
            """)
        var snapshot = cursor.snapshot
        var changes: [PurchaseChange] = []
        for try await (now, seq, agent, updated, json, sealed) in rows.decode((String, Int64?, String?, Double?, String?, String?).self) {
            snapshot = now
            guard let seq, let agent, let updated, let json, let sealed else { continue }
            changes.append(PurchaseChange(seq: seq, agent: agent, updatedAt: Date(timeIntervalSince1970: updated),
                                          purchase: try purchase(json: json, sealed: sealed)))
        }
        return ChangeRead(changes: changes, snapshot: snapshot)
    }

    /// What a watcher starts with: every purchase in flight and the most recently changed, at most `limit`, in change
    /// order, and the cursor the feed goes on from. The cursor is read first: a change committed between the two reads
    /// is read again by the feed and shown once.
    public func currentChanges(limit: Int) async throws(UserDatabaseError) -> (changes: [PurchaseChange], cursor: FeedCursor) {
        do {
            let read: Reader = { [client] in try await client.query($0, logger: Self.logger) }
            var cursor = FeedCursor(snapshot: try await Self.currentSnapshot(read))
            let unfinished = PurchaseStage.unfinished.map(\.rawValue)
            let rows = try await read("""
                SELECT \(unescaped: Self.changeFields) FROM purchase p
                ORDER BY p.stage = ANY(\(unfinished)) DESC, p.change_seq DESC LIMIT \(max(0, limit))
                """)
            var latest: [PurchaseChange] = []
            for try await (seq, agent, updated, json, sealed) in rows.decode((Int64, String, Double, String, String).self) {
                latest.append(PurchaseChange(seq: seq, agent: agent, updatedAt: Date(timeIntervalSince1970: updated),
                                             purchase: try purchase(json: json, sealed: sealed)))
            }
            return (cursor.admit(latest), cursor)
        } catch {
            throw failure(error)
        }
    }
}
