import Foundation
import GRDB

/// The whole catalog as one SQLite file's bytes, so a desk stores one host's refresh in the team database and every
/// other host copies it instead of walking the API: a copy is a file write and an SQLite backup, seconds for 20,000
/// products, and no request.
extension CatalogDatabase {
    /// A compact, consistent copy of the catalog (`VACUUM INTO`), taken while readers and writers carry on.
    public func snapshot() async throws(CatalogStoreError) -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-snapshot-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [file.path])
            }
            return try Data(contentsOf: file)
        } catch {
            throw CatalogStoreError.from(error, path: path)
        }
    }

    /// Replaces the catalog with `snapshot` in one step (SQLite's backup): readers see the old catalog or the new one,
    /// never a mix. A snapshot that is not a catalog of this version is refused and the catalog is left as it was.
    public func install(_ snapshot: Data) async throws(CatalogStoreError) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-copy-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try snapshot.write(to: file, options: .atomic)
            let copy = try DatabaseQueue(path: file.path)
            let migrator = CatalogSchema.migrator
            let fits = try await copy.read { db in
                try Int32.fetchOne(db, sql: "PRAGMA application_id") == CatalogSchema.applicationID
                    && migrator.hasCompletedMigrations(db) && !migrator.hasBeenSuperseded(db)
            }
            guard fits else {
                try copy.close()
                throw CatalogStoreError(kind: .foreign, path: path, message: """
                    The catalog copy in the team database was made by another Storefront version: it was not installed, \
                    and this catalog is unchanged.
                    """)
            }
            try copy.backup(to: writer)
            try copy.close()
        } catch let error as CatalogStoreError {
            throw error
        } catch {
            throw CatalogStoreError.from(error, path: path)
        }
    }
}
