import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// The team feed's reads: purchases with their change number and agent, opened with the team key.
extension PostgresJournal {
    /// Runs a query on the feed's own connection, or on the pool when there is none.
    typealias Reader = @Sendable (PostgresQuery) async throws -> PostgresRowSequence

    static let changeColumns = """
        p.change_seq, p.agent, p.updated_at, ((to_jsonb(p) - 'orders_sealed' - 'change_seq') || '{"orders_json": ""}')::text, \
        p.orders_sealed FROM purchase p
        """

    /// The highest change number in the journal (0: none yet).
    static func highestChange(_ read: Reader) async throws -> Int64 {
        try await read("SELECT coalesce(max(change_seq), 0)::bigint FROM purchase").collect().first?.decode(Int64.self) ?? 0
    }

    /// Every purchase changed after `seq`, or named in `ids`, in change order.
    func changes(after seq: Int64, orIn ids: [String] = [], _ read: Reader) async throws -> [PurchaseChange] {
        try await changes(read("""
            SELECT \(unescaped: Self.changeColumns) WHERE p.change_seq > \(seq) OR p.id = ANY(\(ids)) ORDER BY p.change_seq
            """))
    }

    /// What a watcher starts with: every purchase in flight and the most recently changed, at most `limit`, in change
    /// order, and the cursor the feed goes on from. The cursor is read first: a change made between the two reads is
    /// read again by the feed and shown once.
    public func currentChanges(limit: Int) async throws(UserDatabaseError) -> (changes: [PurchaseChange], cursor: FeedCursor) {
        do {
            let read: Reader = { [client] in try await client.query($0, logger: Self.logger) }
            var cursor = FeedCursor(highest: try await Self.highestChange(read))
            let unfinished = PurchaseStage.unfinished.map(\.rawValue)
            let latest = try await changes(read("""
                SELECT \(unescaped: Self.changeColumns) ORDER BY p.stage = ANY(\(unfinished)) DESC, p.change_seq DESC LIMIT \(max(0, limit))
                """))
            return (cursor.admit(latest), cursor)
        } catch {
            throw failure(error)
        }
    }

    private func changes(_ rows: PostgresRowSequence) async throws -> [PurchaseChange] {
        var changes: [PurchaseChange] = []
        for try await (seq, agent, updated, json, sealed) in rows.decode((Int64, String, Double, String, String).self) {
            changes.append(PurchaseChange(seq: seq, agent: agent, updatedAt: Date(timeIntervalSince1970: updated),
                                          purchase: try purchase(json: json, sealed: sealed)))
        }
        return changes
    }
}
