import Foundation
import GRDB
import OwnerOnlyFiles
import StorefrontDomain

/// The account's invoices and orders as last read from the server, so the history opens at disk speed and
/// the server is asked only when the cache is stale or more pages are wanted. A file of its own beside the
/// catalog (`account-history.sqlite`, 0600): deleting it loses nothing but speed.
///
/// Rows are `AccountInvoice`/`AccountOrder` JSON, types that have no field for a code, PIN or link: codes
/// fetched for display are never written here (the journal is the only place that keeps codes).
public final class AccountHistoryCache: Sendable {
    public static let fileName = "account-history.sqlite"

    public enum Kind: String, Sendable, CaseIterable {
        case invoices, orders
    }

    /// How far a list has been read from the server.
    public struct Progress: Sendable, Equatable {
        /// The `start` of the next page to read.
        public var nextStart: Int
        /// The last page was read (no `_next`).
        public var complete: Bool
        /// When the first page was last read.
        public var fetchedAt: Date?
    }

    let writer: any DatabaseWriter

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the cache at `url`, private to its owner. A damaged file is replaced: it only
    /// ever holds what the server sends again.
    public static func open(at url: URL) throws(AccountHistoryError) -> AccountHistoryCache {
        let path = url.path
        do {
            return try openFile(path)
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            do {
                return try openFile(path)
            } catch {
                throw AccountHistoryError(message: "Cannot use the account history cache \(path): \(error). Delete it; it is rebuilt from the server.")
            }
        }
    }

    private static func openFile(_ path: String) throws -> AccountHistoryCache {
        do throws(OwnerOnlyFile.Failure) {
            try OwnerOnlyFile.prepare(path)
        } catch {
            throw AccountHistoryError(message: "Cannot create \(error.description)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try AccountHistoryCache(writer: try DatabaseQueue(path: path, configuration: configuration))
    }

    public static func inMemory() throws -> AccountHistoryCache {
        try AccountHistoryCache(writer: DatabaseQueue())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("account history") { db in
            for table in ["account_invoice", "account_order"] {
                try db.create(table: table, options: [.strict]) { t in
                    t.column("source", .text).notNull()
                    t.column("id", .text).notNull()
                    t.column("created_at", .real)
                    t.column("json", .text).notNull()
                    t.primaryKey(["source", "id"])
                }
                try db.create(index: "\(table)_by_time", on: table, columns: ["source", "created_at"])
            }
            try db.create(table: "account_listing", options: [.strict]) { t in
                t.column("source", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("next_start", .integer).notNull()
                t.column("complete", .integer).notNull()
                t.column("fetched_at", .real)
                t.primaryKey(["source", "kind"])
            }
        }
        return migrator
    }

    /// Writes a page: every row replaces what was known of it.
    public func store(invoices: [AccountInvoice], source: String) throws(AccountHistoryError) {
        try upsert("account_invoice", invoices.map { invoice in
            var invoice = invoice
            invoice.madeHere = nil
            return (invoice.id, invoice.createdAt, invoice)
        }, source: source)
    }

    public func store(orders: [AccountOrder], source: String) throws(AccountHistoryError) {
        try upsert("account_order", orders.map { order in
            var order = order
            order.madeHere = nil
            return (order.id, order.createdAt, order)
        }, source: source)
    }

    public func invoices(source: String) throws(AccountHistoryError) -> [AccountInvoice] {
        try rows("account_invoice", source: source)
    }

    public func orders(source: String) throws(AccountHistoryError) -> [AccountOrder] {
        try rows("account_order", source: source)
    }

    public func progress(_ kind: Kind, source: String) throws(AccountHistoryError) -> Progress {
        try access { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT next_start, complete, fetched_at FROM account_listing WHERE source = ? AND kind = ?",
                                             arguments: [source, kind.rawValue]) else {
                return Progress(nextStart: 0, complete: false, fetchedAt: nil)
            }
            let fetched: Double? = row["fetched_at"]
            return Progress(nextStart: row["next_start"], complete: row["complete"], fetchedAt: fetched.map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func setProgress(_ progress: Progress, _ kind: Kind, source: String) throws(AccountHistoryError) {
        try access { db in
            try db.execute(sql: """
                INSERT INTO account_listing (source, kind, next_start, complete, fetched_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(source, kind) DO UPDATE SET next_start = excluded.next_start, complete = excluded.complete,
                fetched_at = excluded.fetched_at
                """, arguments: [source, kind.rawValue, progress.nextStart, progress.complete, progress.fetchedAt?.timeIntervalSince1970])
        }
    }

    private func upsert<Value: Encodable>(_ table: String, _ rows: [(id: String, createdAt: Date?, value: Value)], source: String) throws(AccountHistoryError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        try access { db in
            for row in rows {
                let json = String(decoding: try encoder.encode(row.value), as: UTF8.self)
                try db.execute(sql: "INSERT OR REPLACE INTO \(table) (source, id, created_at, json) VALUES (?, ?, ?, ?)",
                               arguments: [source, row.id, row.createdAt?.timeIntervalSince1970, json])
            }
        }
    }

    /// Newest first. A row this version cannot read is never skipped in silence: it is deleted and its list is
    /// marked as read from the start again, so the history says it is not whole and the next read brings it back.
    private func rows<Value: Decodable>(_ table: String, source: String) throws(AccountHistoryError) -> [Value] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let kind: Kind = table == "account_invoice" ? .invoices : .orders
        return try access { db in
            var values: [Value] = []
            var unreadable: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT id, json FROM \(table) WHERE source = ? ORDER BY created_at DESC, rowid DESC",
                                        arguments: [source]) {
                let json: String = row["json"]
                if let value = try? decoder.decode(Value.self, from: Data(json.utf8)) { values.append(value) } else { unreadable.append(row["id"]) }
            }
            guard !unreadable.isEmpty else { return values }
            for id in unreadable {
                try db.execute(sql: "DELETE FROM \(table) WHERE source = ? AND id = ?", arguments: [source, id])
            }
            try db.execute(sql: "DELETE FROM account_listing WHERE source = ? AND kind = ?", arguments: [source, kind.rawValue])
            return values
        }
    }

    private func access<T>(_ body: (Database) throws -> T) throws(AccountHistoryError) -> T {
        do {
            return try writer.write(body)
        } catch let error as AccountHistoryError {
            throw error
        } catch {
            throw AccountHistoryError(message: "The account history cache could not be used: \(error). Delete \(Self.fileName) in the data directory; it is rebuilt from the server.")
        }
    }
}
