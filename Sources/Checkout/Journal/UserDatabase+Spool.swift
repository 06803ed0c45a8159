import Foundation
import GRDB
import StorefrontDomain

/// The spool: purchases a team journal could not take while its database was unreachable, kept in this data
/// directory's journal until they are written there. Only a purchase already sent is spooled (one not sent is
/// refused instead), so its invoice and codes are never known to this host alone for longer than the outage.
extension UserDatabase {
    /// A purchase waiting for the team database, as last written here.
    public struct SpooledPurchase: Sendable, Equatable {
        public var purchase: Purchase
        public var requestHash: String
        /// When this host wrote this state: the team keeps a newer one it already has.
        public var writtenAt: Date
    }

    static func registerSpoolMigration(in migrator: inout DatabaseMigrator) {
        // Which journal purchases are a team's, waiting to be written to its database (named by host and database).
        migrator.registerMigration("team spool") { db in
            try db.create(table: "team_spool", options: [.strict]) { table in
                table.column("purchase_id", .text).notNull().primaryKey().references("purchase", onDelete: .cascade)
                table.column("team", .text).notNull()
            }
        }
    }

    /// Keeps `purchase` for `team`: written whole (inserted, or replacing an earlier spooled state) in one transaction.
    public func spool(_ purchase: Purchase, requestHash: String, for team: String, at now: Date,
                      durability: WriteDurability = .beforeSending) throws(UserDatabaseError) {
        do {
            try write(syncedToDisk: durability == .beforeSending) { db in
                let hash = try String.fetchOne(db, sql: "SELECT request_hash FROM purchase WHERE id = ?", arguments: [purchase.id])
                try PurchaseRecord(purchase, requestHash: hash ?? requestHash, updatedAt: now).save(db)
                try db.execute(sql: "INSERT OR REPLACE INTO team_spool (purchase_id, team) VALUES (?, ?)", arguments: [purchase.id, team])
            }
        } catch {
            throw UserDatabaseError(path: "the spool of the purchase journal", detail: "\(error)")
        }
    }

    /// The purchases spooled for `team`, oldest first.
    public func spooled(for team: String) throws(UserDatabaseError) -> [SpooledPurchase] {
        do {
            return try writer.read { db in
                try PurchaseRecord.fetchAll(db, sql: """
                    SELECT purchase.* FROM purchase JOIN team_spool ON purchase_id = id WHERE team = ? ORDER BY created_at
                    """, arguments: [team]).map { SpooledPurchase(purchase: try $0.purchase(), requestHash: $0.requestHash, writtenAt: $0.updatedAt) }
            }
        } catch {
            throw UserDatabaseError(path: "the spool of the purchase journal", detail: "\(error)")
        }
    }

    /// The spooled state of purchase `id` for `team`, if any.
    public func spooledPurchase(id: String, for team: String) throws(UserDatabaseError) -> Purchase? {
        try spooled(for: team).first { $0.purchase.id == id }?.purchase
    }

    /// Forgets a spooled purchase the team database now holds: its row leaves this journal with its codes, unless a
    /// newer state was spooled since `writtenAt` (nil: whatever was spooled).
    public func unspool(_ id: String, writtenAt: Date? = nil) throws(UserDatabaseError) {
        do {
            try writer.write { db in
                let spooled = try Bool.fetchOne(db, sql: "SELECT 1 FROM team_spool WHERE purchase_id = ?", arguments: [id]) ?? false
                guard spooled else { return }
                if let writtenAt {
                    try db.execute(sql: "DELETE FROM purchase WHERE id = ? AND updated_at = ?", arguments: [id, writtenAt.timeIntervalSince1970])
                } else {
                    try db.execute(sql: "DELETE FROM purchase WHERE id = ?", arguments: [id])
                }
            }
        } catch {
            throw UserDatabaseError(path: "the spool of the purchase journal", detail: "\(error)")
        }
    }
}
