import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// Leases in the team database, timed by the database server's clock (`clock_timestamp()`, not the transaction's
/// `now()`), so hosts whose clocks disagree still agree on when a lease ran out. A take is one UPDATE whose WHERE
/// re-checks the row under its lock: of hosts racing for a free purchase, one wins.
extension PostgresJournal {
    static let clock = "extract(epoch from clock_timestamp())::float8"
    static let leaseColumns = "id, lease_holder, lease_epoch, lease_until"

    /// The cart is not the team's: `lineIDs` are held in the host's data directory by `SpooledTeamJournal`.
    ///
    /// The intent commits without waiting for the disk: nothing is sent after it until the engine's durable write of
    /// the create about to leave, which flushes the intent with it. A database crash between the two leaves no
    /// intent and sends nothing (the second write finds the database gone).
    public func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date,
                             leasedTo holder: String?, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        let row = try rowOf(purchase, requestHash: requestHash, at: now)
        guard let holder else {
            _ = try await leases("""
                \(Self.commit(.recoverable))
                INSERT INTO purchase SELECT p.* FROM jsonb_populate_record(NULL::purchase, $1::jsonb) p, commit_mode
                """, row)
            return nil
        }
        return try await leases("""
            \(Self.commit(.recoverable))
            INSERT INTO purchase SELECT p.* FROM jsonb_populate_record(NULL::purchase, $1::jsonb || jsonb_build_object(
                'lease_holder', $2::text, 'lease_until', \(Self.clock) + $3::float8, 'lease_epoch', 1)) p, commit_mode
            RETURNING \(Self.leaseColumns)
            """, row, holder, length).first
    }

    /// The cart is each host's, in its data directory, never in the team database (`recordIntent` takes no lines
    /// either): `SpooledTeamJournal`, the team journal a host places through, holds them there.
    public func holdCartLines(_ lineIDs: [String], for purchaseId: String) async throws(UserDatabaseError) {}

    /// A buyer (or the schema's owner) writes purchases; a lookup agent's role reads them only.
    public var writesPurchases: Bool { role.mayBuy }

    /// A lookup agent's role writes no purchase, so it takes no lease: its storefront watches what buyers write.
    public func takeLease(of id: String, holder: String, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        guard role.mayBuy else { return nil }
        return try await leases("""
            UPDATE purchase SET lease_holder = $2, lease_until = \(Self.clock) + $3::float8, lease_epoch = lease_epoch + 1
            WHERE id = $1 AND (lease_until IS NULL OR lease_until <= \(Self.clock))
            RETURNING \(Self.leaseColumns)
            """, id, holder, length).first
    }

    public func renewLease(_ lease: PurchaseLease, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        try await leases("""
            UPDATE purchase SET lease_until = \(Self.clock) + $3::float8, lease_holder = $4 WHERE id = $1 AND lease_epoch = $2
            RETURNING \(Self.leaseColumns)
            """, lease.purchaseId, lease.epoch, length, lease.holder).first
    }

    public func releaseLease(_ lease: PurchaseLease) async throws(UserDatabaseError) {
        _ = try await leases("UPDATE purchase SET lease_holder = NULL, lease_until = NULL WHERE id = $1 AND lease_epoch = $2",
                             lease.purchaseId, lease.epoch)
    }

    public func lease(of id: String) async throws(UserDatabaseError) -> PurchaseLease? {
        try await leases("SELECT \(Self.leaseColumns) FROM purchase WHERE id = $1 AND lease_until > \(Self.clock)", id).first
    }

    public func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
                     durability: WriteDurability) async throws(UserDatabaseError) -> Bool {
        try await update(purchase, at: now, where: "id = $2 AND lease_epoch = $3", lease.epoch, durability: durability)
    }

    /// Runs one lease statement and reads the leases it returns (none for a statement that returns nothing).
    private func leases(_ sql: String, _ values: any PostgresThrowingDynamicTypeEncodable...) async throws(UserDatabaseError) -> [PurchaseLease] {
        try await run { [self] in
            var found: [PurchaseLease] = []
            let rows = try await query(PostgresQuery(unsafeSQL: sql, binds: try Self.binds(values)), logger: Self.logger)
            for try await row in rows {
                let (id, holder, epoch, until) = try row.decode((String, String, Int64, Double).self)
                found.append(PurchaseLease(purchaseId: id, holder: holder, epoch: epoch, until: Date(timeIntervalSince1970: until)))
            }
            return found
        }
    }
}
