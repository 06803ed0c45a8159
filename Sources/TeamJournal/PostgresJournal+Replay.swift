import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

extension PostgresJournal {
    /// Writes a purchase this host kept in its spool while the database was unreachable, stamped `writtenAt` (when the
    /// host wrote that state). Returns whether anything was written: a purchase the team does not have is inserted; one
    /// it has is replaced only by a state further along (more steps in its timeline, which only grows; with as many,
    /// a later stamp), and never a finished one (settled, refused, proven absent) by an unfinished one. Steps, not
    /// clocks, decide first: hosts' clocks differ. So replaying twice writes once.
    public func replay(_ purchase: Purchase, requestHash: String, at writtenAt: Date) async throws(UserDatabaseError) -> Bool {
        try await run { [self] in
            let row = try sealedRow(purchase, requestHash: requestHash, at: writtenAt)
            let columns = TeamSchema.savedColumns
            let written = try await query(PostgresQuery(unsafeSQL: """
                INSERT INTO purchase SELECT * FROM jsonb_populate_record(NULL::purchase, $1::jsonb)
                ON CONFLICT (id) DO UPDATE SET (\(columns.joined(separator: ", "))) = (\(columns.map { "EXCLUDED." + $0 }.joined(separator: ", ")))
                WHERE (purchase.stage = ANY($2) OR EXCLUDED.stage <> ALL($2))
                  AND (json_array_length(EXCLUDED.timeline_json::json), EXCLUDED.updated_at)
                      > (json_array_length(purchase.timeline_json::json), purchase.updated_at)
                RETURNING id
                """, binds: Self.binds(row, PurchaseStage.unfinished.map(\.rawValue))), logger: Self.logger).collect()
            return !written.isEmpty
        }
    }
}
