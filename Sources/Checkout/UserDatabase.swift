import Foundation
import GRDB
import OwnerOnlyFiles
import StorefrontDomain

/// What the user made here and must not lose: the cart and the purchase journal. A file
/// apart from the catalog cache, so rebuilding the cache never touches it. Owner-only (0600), WAL.
public final class UserDatabase: Sendable {
    public static let fileName = "storefront.sqlite"

    let writer: any DatabaseWriter

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database at `url`, private to its owner. The file is checked read-only
    /// first: opened for writing, SQLite and the migrations write to it before its damage shows, and a damaged
    /// journal may hold the only copy of a code.
    public static func open(at url: URL) throws(UserDatabaseError) -> UserDatabase {
        let path = url.path
        do throws(OwnerOnlyFile.Failure) {
            try OwnerOnlyFile.prepare(path)
        } catch {
            throw UserDatabaseError(path: path, detail: error.detail)
        }
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            readOnly.busyMode = .timeout(10)
            let check = try DatabaseQueue(path: path, configuration: readOnly)
            let problems = try check.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            try check.close()
            guard problems == ["ok"] else { throw UserDatabaseError.damaged(path) }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            return try UserDatabase(writer: try DatabasePool(path: path, configuration: configuration))
        } catch let error as UserDatabaseError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw UserDatabaseError.damaged(path)
        } catch {
            throw UserDatabaseError(path: path, detail: "\(error)")
        }
    }

    /// The file it lives in, for messages that tell what to free or make writable (empty in memory).
    public var path: String { writer.path }

    public static func inMemory() throws -> UserDatabase {
        try UserDatabase(writer: DatabaseQueue())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("cart") { db in
            try db.create(table: "cart_line", options: [.strict]) { table in
                table.column("position", .integer).notNull().primaryKey()
                table.column("id", .text).notNull().unique()
                table.column("product_id", .text).notNull()
                table.column("product_name", .text).notNull()
                table.column("product_type", .text).notNull()
                table.column("package_id", .text)
                table.column("package_value", .text)
                table.column("package_price", .integer)
                table.column("value", .text)
                table.column("face_value", .text).notNull()
                table.column("unit_price", .integer)
                table.column("quantity", .integer).notNull().check { $0 >= 1 && $0 <= Cart.maxUnits }
                table.column("phone_number", .text)
            }
        }
        registerJournalMigration(in: &migrator)
        migrator.registerMigration("cart lines held by a purchase") { db in
            try db.alter(table: "cart_line") { table in table.add(column: "held_by", .text) }
        }
        registerDeskMigration(in: &migrator)
        registerLeaseMigration(in: &migrator)
        registerSpoolMigration(in: &migrator)
        // Every placement asks whether the same request is open or was bought moments ago: it reads the request's
        // own rows, not the whole journal, however long the history grows.
        migrator.registerMigration("request index") { db in
            try db.create(index: "purchase_by_request", on: "purchase", columns: ["source", "request_hash"])
        }
        // The identical-recent rule compares bodies, whoever's ticket: the same card for a ticket and for none. A
        // popular card has thousands of rows of one body (and one ticketless request): the recent question reads the
        // window's rows only, the open question the request's rows in the stages it asks for.
        migrator.registerMigration("body hash") { db in
            try db.alter(table: "purchase") { table in table.add(column: "body_hash", .text) }
            // Without a ticket, a request's hash is its body's.
            try db.execute(sql: "UPDATE purchase SET body_hash = request_hash WHERE ticket IS NULL")
            try db.create(index: "purchase_by_body", on: "purchase", columns: ["source", "body_hash", "updated_at"])
            try db.drop(index: "purchase_by_request")
            try db.create(index: "purchase_by_request", on: "purchase", columns: ["source", "request_hash", "stage"])
        }
        return migrator
    }

    /// The cart as last saved, in order, and the lines each unfinished purchase holds (shown until its invoice is
    /// known to exist). Lines of a purchase whose invoice exists are gone; those of a purchase never made are free.
    public func loadCart() throws(UserDatabaseError) -> SavedCart {
        do {
            return try writer.write { db in
                for id in try String.fetchAll(db, sql: "SELECT DISTINCT held_by FROM cart_line WHERE held_by IS NOT NULL") {
                    let stage = try String.fetchOne(db, sql: "SELECT stage FROM purchase WHERE id = ?", arguments: [id])
                    try Self.settle(id, CartHold(stage.flatMap(PurchaseStage.init(rawValue:))), in: db)
                }
                return try Self.savedCart(in: db)
            }
        } catch {
            throw UserDatabaseError(path: "the cart", detail: "\(error)")
        }
    }

    /// Replaces the saved cart with `lines`, in one transaction; a line a purchase holds stays held.
    public func saveCart(_ lines: [CartLine]) throws(UserDatabaseError) {
        do {
            try writer.write { db in
                let held = Dictionary(try Row.fetchAll(db, sql: "SELECT id, held_by FROM cart_line WHERE held_by IS NOT NULL")
                    .map { ($0["id"] as String, $0["held_by"] as String) }, uniquingKeysWith: { first, _ in first })
                try CartLineRecord.deleteAll(db)
                for (position, line) in lines.enumerated() {
                    try CartLineRecord(line, position: position, heldBy: held[line.id]).insert(db)
                }
            }
        } catch {
            throw UserDatabaseError(path: "the cart", detail: "\(error)")
        }
    }
}

/// The cart as saved: its lines, and which of them each purchase still waiting for its invoice holds.
public struct SavedCart: Sendable, Equatable {
    public var lines: [CartLine]
    /// Line ids by purchase id.
    public var held: [String: [String]]
    /// Why some held lines could not be settled (the journal holding their purchases did not answer): they stay held.
    public var unsettled: String?

    public init(lines: [CartLine], held: [String: [String]] = [:], unsettled: String? = nil) {
        self.lines = lines
        self.held = held
        self.unsettled = unsettled
    }
}

public struct UserDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var detail: String
    public var description: String { "Cannot use \(path): \(detail)." }

    public init(path: String, detail: String) {
        self.path = path
        self.detail = detail
    }

    /// A file SQLite cannot read as a sound database: left untouched, with the way to start afresh.
    static func damaged(_ path: String) -> UserDatabaseError {
        UserDatabaseError(path: path, detail: """
            it is damaged or not a Storefront database, and was left as it was. To start with an empty cart and \
            journal, move it aside (mv '\(path)' '\(path).damaged') and keep the moved file: it holds your \
            purchases, their codes and your cart
            """)
    }
}
