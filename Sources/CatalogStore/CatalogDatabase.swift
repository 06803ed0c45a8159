import Foundation
import GRDB

/// The catalog cache: one SQLite file in the data directory, owned by this type. It runs the migrations,
/// performs the intent-named writes of a refresh (`CatalogDatabase+Refresh`) and answers the queries
/// (`CatalogDatabase+Queries`, `+Search`). Every GRDB error leaves it as a `CatalogStoreError` that says what
/// to do.
public final class CatalogDatabase: Sendable {
    /// The file's name in the data directory.
    public static let fileName = "catalog.sqlite"

    let writer: any DatabaseWriter
    /// The database file; nil in memory.
    public let path: String?

    init(writer: any DatabaseWriter, path: String?) {
        self.writer = writer
        self.path = path
    }

    /// Opens (creating if needed) the catalog at `url`: owner-only (0600), WAL, migrated. A file that is not a
    /// catalog, is damaged, or comes from a newer version is refused with the way out, never overwritten.
    public static func open(at url: URL) throws(CatalogStoreError) -> CatalogDatabase {
        let path = url.path
        try CatalogFile.prepare(path)
        do {
            var configuration = Configuration()
            // Another storefront process may be writing a refresh: wait for it rather than fail.
            configuration.busyMode = .timeout(10)
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in
                // A cache: after a power cut the last refresh may be lost, never the file's consistency (WAL).
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            let database = CatalogDatabase(writer: pool, path: path)
            try database.migrate()
            return database
        } catch {
            throw CatalogStoreError.from(error, path: path)
        }
    }

    /// Opens an existing catalog for reading only, when it can be read as it is: one read-only connection, with no
    /// WAL set-up, no migration and no lock taken, so a command that only lists answers at once even while another
    /// process writes a refresh, and changes nothing on disk. Nil when the file is missing, not private, not a
    /// catalog of this version, or cannot be opened so: `open(at:)` then creates, tightens or migrates it, or says
    /// what is wrong.
    public static func openForReading(at url: URL) -> CatalogDatabase? {
        let path = url.path
        guard CatalogFile.isPrivate(path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        let migrator = CatalogSchema.migrator
        let current = try? queue.read { db in
            try Int32.fetchOne(db, sql: "PRAGMA application_id") == CatalogSchema.applicationID
                && migrator.hasCompletedMigrations(db) && !migrator.hasBeenSuperseded(db)
        }
        return current == true ? CatalogDatabase(writer: queue, path: path) : nil
    }

    /// A catalog that lives in memory, for tests and previews.
    public static func inMemory() throws(CatalogStoreError) -> CatalogDatabase {
        do {
            let database = CatalogDatabase(writer: try DatabaseQueue(), path: nil)
            try database.migrate()
            return database
        } catch {
            throw CatalogStoreError.from(error, path: nil)
        }
    }

    /// Checks the file is ours (or empty) and not from a newer version, then applies the migrations.
    private func migrate() throws {
        let migrator = CatalogSchema.migrator
        let (applicationID, tableCount, superseded) = try writer.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0,
             try migrator.hasBeenSuperseded(db))
        }
        let isEmpty = applicationID == 0 && tableCount == 0
        guard applicationID == CatalogSchema.applicationID || isEmpty else {
            throw CatalogStoreError.foreign(path ?? "the database")
        }
        if superseded { throw CatalogStoreError.newerSchema(path ?? "the database") }
        try migrator.migrate(writer)
    }

    /// The SQLite library in use ("3.40.1"), for reports.
    public static var sqliteVersion: String {
        (try? DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") }) ?? "unknown"
    }

    /// Runs a read, turning GRDB's errors into `CatalogStoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(CatalogStoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw CatalogStoreError.from(error, path: path)
        }
    }

    /// Runs a write transaction off the cooperative thread pool. Errors are left as thrown (a cancellation
    /// stays a `CancellationError`); callers classify them with `CatalogStoreError.from`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Closes the connections; later calls fail. Lets a caller move the file aside.
    public func close() throws(CatalogStoreError) {
        do {
            if let pool = writer as? DatabasePool { try pool.close() }
            if let queue = writer as? DatabaseQueue { try queue.close() }
        } catch {
            throw CatalogStoreError.from(error, path: path)
        }
    }
}
