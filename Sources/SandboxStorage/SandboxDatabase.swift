import Foundation
import GRDB
import OwnerOnlyFiles
import SandboxServer

/// The embedded sandbox's account on disk: its own SQLite file in the data directory, apart from the
/// catalog cache and the journal, owner-only (0600) because delivered codes are in it.
///
/// Rows hold the store's documents as they are (`SandboxPersistence`); each write is one transaction,
/// so a kill between two writes loses at most the change in flight, never half an invoice.
public final class SandboxDatabase: SandboxPersistence {
    public static let fileName = "sandbox.sqlite"

    private let writer: any DatabaseWriter
    private let path: String
    /// The account id a new file gets: random, so two data directories never share ids; fixed by whoever must
    /// reproduce a run byte for byte (the screenshots).
    private let newAccountID: String

    private init(writer: any DatabaseWriter, path: String, newAccountID: String) throws {
        self.writer = writer
        self.path = path
        self.newAccountID = newAccountID
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the file at `url`, private to its owner.
    public static func open(at url: URL, newAccountID: String = UUID().uuidString.lowercased()) throws(SandboxPersistenceError) -> SandboxDatabase {
        let path = url.path
        do throws(OwnerOnlyFile.Failure) {
            try OwnerOnlyFile.prepare(path)
        } catch {
            throw SandboxPersistenceError("Cannot open the sandbox data file \(error.description).")
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            return try SandboxDatabase(writer: try DatabasePool(path: path, configuration: configuration), path: path, newAccountID: newAccountID)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw SandboxPersistenceError("The sandbox data file \(path) is damaged or not a sandbox database: move it aside to start the sandbox afresh (its invoices are in it).")
        } catch {
            throw SandboxPersistenceError("Cannot open the sandbox data file \(path): \(error).")
        }
    }

    public func beginRun() throws -> SandboxSavedState {
        try guarded {
            try writer.write { db in
                if try Row.fetchOne(db, sql: "SELECT 1 FROM account") == nil {
                    try db.execute(sql: "INSERT INTO account (id, account_id, runs) VALUES (1, ?, 0)",
                                   arguments: [newAccountID])
                }
                try db.execute(sql: "UPDATE account SET runs = runs + 1")
                guard let account = try Row.fetchOne(db, sql: "SELECT account_id, runs, balance FROM account") else {
                    throw SandboxPersistenceError("the account row is missing")
                }
                var orders: [String: [SavedOrder]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT invoice_id, id, document FROM sandbox_order ORDER BY invoice_id, position") {
                    orders[row["invoice_id"], default: []].append(SavedOrder(id: row["id"], document: row["document"]))
                }
                let invoices = try Row.fetchAll(db, sql: "SELECT id, document FROM invoice ORDER BY seq").map { row in
                    SavedInvoice(id: row["id"], document: row["document"], orders: orders[row["id"] as String] ?? [])
                }
                let esims = try Row.fetchAll(db, sql: "SELECT iccid, document FROM esim ORDER BY seq").map { row in
                    SavedESIM(iccid: row["iccid"], document: row["document"])
                }
                return SandboxSavedState(run: UInt64(account["runs"] as Int64), accountID: account["account_id"],
                                         balance: account["balance"], invoices: invoices, esims: esims)
            }
        }
    }

    public func saveBalance(_ balance: Int64) throws {
        try guarded {
            try writer.write { db in try db.execute(sql: "UPDATE account SET balance = ?", arguments: [balance]) }
        }
    }

    public func saveInvoice(_ invoice: SavedInvoice) throws {
        try guarded {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO invoice (id, document) VALUES (?, ?)
                    ON CONFLICT(id) DO UPDATE SET document = excluded.document
                    """, arguments: [invoice.id, invoice.document])
                try db.execute(sql: "DELETE FROM sandbox_order WHERE invoice_id = ?", arguments: [invoice.id])
                for (position, order) in invoice.orders.enumerated() {
                    try db.execute(sql: "INSERT INTO sandbox_order (id, invoice_id, position, document) VALUES (?, ?, ?, ?)",
                                   arguments: [order.id, invoice.id, position, order.document])
                }
            }
        }
    }

    public func saveESIM(_ esim: SavedESIM) throws {
        try guarded {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO esim (iccid, document) VALUES (?, ?)
                    ON CONFLICT(iccid) DO UPDATE SET document = excluded.document
                    """, arguments: [esim.iccid, esim.document])
            }
        }
    }

    /// Names the file in every failure, so the message says where to look.
    private func guarded<T>(_ body: () throws -> T) throws(SandboxPersistenceError) -> T {
        do {
            return try body()
        } catch {
            throw SandboxPersistenceError("The sandbox data file \(path) cannot be used: \(error).")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("sandbox-v1") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    account_id TEXT NOT NULL,
                    runs INTEGER NOT NULL,
                    balance INTEGER
                ) STRICT;
                CREATE TABLE invoice (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    document BLOB NOT NULL
                ) STRICT;
                CREATE TABLE sandbox_order (
                    id TEXT NOT NULL PRIMARY KEY,
                    invoice_id TEXT NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    document BLOB NOT NULL
                ) STRICT;
                CREATE TABLE esim (
                    seq INTEGER PRIMARY KEY,
                    iccid TEXT NOT NULL UNIQUE,
                    document BLOB NOT NULL
                ) STRICT;
                """)
        }
        return migrator
    }
}
