import Foundation
import GRDB
import StorefrontDomain

/// Leases in the embedded journal: the same rules as the team's, for the processes of one data directory (a
/// full-screen storefront and a `buy` in another terminal). Times are SQLite's own clock, as Unix seconds.
extension UserDatabase {
    /// SQLite's clock as Unix seconds (milliseconds kept): one value for the whole statement.
    static let clock = "((julianday('now') - 2440587.5) * 86400.0)"

    static func registerLeaseMigration(in migrator: inout DatabaseMigrator) {
        // Who works each purchase, until when, and the epoch each take raises.
        migrator.registerMigration("purchase leases") { db in
            try db.alter(table: "purchase") { table in
                table.add(column: "lease_holder", .text)
                table.add(column: "lease_until", .real)
                table.add(column: "lease_epoch", .integer).notNull().defaults(to: 0)
            }
        }
    }

    public func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date,
                             leasedTo holder: String?, for length: TimeInterval) throws(UserDatabaseError) -> PurchaseLease? {
        try leaseWrite { db in
            try Self.insertIntent(purchase, requestHash: requestHash, takingCartLines: lineIDs, at: now, in: db)
            guard let holder else { return nil }
            return try Self.take(purchase.id, holder: holder, for: length, in: db)
        }
    }

    public func takeLease(of id: String, holder: String, for length: TimeInterval) throws(UserDatabaseError) -> PurchaseLease? {
        try leaseWrite { db in try Self.take(id, holder: holder, for: length, in: db) }
    }

    public func renewLease(_ lease: PurchaseLease, for length: TimeInterval) throws(UserDatabaseError) -> PurchaseLease? {
        try leaseWrite { db in
            try Self.lease(db, """
                UPDATE purchase SET lease_until = \(Self.clock) + ?, lease_holder = ? WHERE id = ? AND lease_epoch = ?
                RETURNING id, lease_holder, lease_epoch, lease_until
                """, [length, lease.holder, lease.purchaseId, lease.epoch])
        }
    }

    public func releaseLease(_ lease: PurchaseLease) throws(UserDatabaseError) {
        try leaseWrite { db in
            try db.execute(sql: "UPDATE purchase SET lease_holder = NULL, lease_until = NULL WHERE id = ? AND lease_epoch = ?",
                           arguments: [lease.purchaseId, lease.epoch])
        }
    }

    public func lease(of id: String) throws(UserDatabaseError) -> PurchaseLease? {
        try leaseWrite { db in
            try Self.lease(db, """
                SELECT id, lease_holder, lease_epoch, lease_until FROM purchase WHERE id = ? AND lease_until > \(Self.clock)
                """, [id])
        }
    }

    /// The embedded journal commits in WAL mode with `synchronous=NORMAL`: a killed process loses no commit, but a
    /// power cut or a kernel crash may lose the last ones. The write a create or a payment follows is synced to disk
    /// before it returns (`synchronous=FULL` for its transaction): after a power cut, the purchase is still known
    /// and is reconciled with the server instead of bought again.
    public func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
                     durability: WriteDurability) throws(UserDatabaseError) -> Bool {
        try leaseWrite(syncedToDisk: durability == .beforeSending) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM purchase WHERE id = ? AND lease_epoch = ?",
                                    arguments: [purchase.id, lease.epoch]) == true else { return false }
            try Self.update(purchase, at: now, in: db)
            return true
        }
    }

    public func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease) throws(UserDatabaseError) -> Bool {
        try save(purchase, at: now, fencedBy: lease, durability: .beforeSending)
    }

    /// Takes a free or run-out lease, or one whose holder was a process of this machine that has ended (or is this
    /// process): a `buy` killed and run again goes on at once instead of waiting out the dead process's lease.
    private static func take(_ id: String, holder: String, for length: TimeInterval, in db: Database) throws -> PurchaseLease? {
        let current = try String.fetchOne(db, sql: "SELECT lease_holder FROM purchase WHERE id = ? AND lease_until > \(clock)", arguments: [id])
        // This very process holding it (a session started again in the same process) is not another storefront.
        let ended = current.map { $0 == holder || LeaseTerms.hasEnded($0) } ?? false
        return try lease(db, """
            UPDATE purchase SET lease_holder = ?, lease_until = \(clock) + ?, lease_epoch = lease_epoch + 1
            WHERE id = ? AND (lease_until IS NULL OR lease_until <= \(clock) OR ?)
            RETURNING id, lease_holder, lease_epoch, lease_until
            """, [holder, length, id, ended])
    }

    private static func lease(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> PurchaseLease? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).map { row in
            PurchaseLease(purchaseId: row[0], holder: row[1], epoch: row[2], until: Date(timeIntervalSince1970: row[3]))
        }
    }

    private func leaseWrite<T>(syncedToDisk: Bool = false, _ body: (Database) throws -> T) throws(UserDatabaseError) -> T {
        do {
            return try write(syncedToDisk: syncedToDisk, body)
        } catch {
            throw UserDatabaseError(path: "the purchase journal", detail: "\(error)")
        }
    }

    /// One write transaction; `syncedToDisk`: synced to disk before it returns, where a commit usually is not.
    func write<T>(syncedToDisk: Bool, _ body: (Database) throws -> T) throws -> T {
        guard syncedToDisk else { return try writer.write(body) }
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // SQLite refuses a change of `synchronous` inside a transaction, so this one is begun here.
            try db.execute(sql: "BEGIN")
            do {
                let result = try body(db)
                try db.execute(sql: "COMMIT")
                return result
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        }
    }
}
