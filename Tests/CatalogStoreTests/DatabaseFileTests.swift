@testable import CatalogStore
import Foundation
import GRDB
import StorefrontDomain
import Testing

@Suite struct DatabaseFileTests {
    @Test func migrationsCreateStrictTablesAndTheSearchIndex() throws {
        let database = try CatalogDatabase.inMemory()
        let tables = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'product_search%' AND name != 'grdb_migrations'")
                .map { "\($0["name"] as String):\($0["strict"] as Int)" }
        }
        #expect(Set(tables) == ["catalog_source:1", "country:1", "product:1", "package:1", "value_range:1", "product_category:1", "esim_coverage:1"])
        #expect(try database.writer.read { try $0.tableExists("product_search") })
        #expect(try database.writer.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == CatalogSchema.applicationID)
    }

    @Test func theStrictSchemaRefusesAPriceThatIsNotAnInteger() throws {
        let database = try CatalogDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: "INSERT INTO product (id, name, name_key, type, type_basis, in_stock, content_hash, first_seen, updated) VALUES ('a', 'A', 'a', 'gift_card', 'declared', 1, 0, 0, 0)")
                try db.execute(sql: "INSERT INTO package (product_key, position, package_id, value, price) VALUES (1, 0, 'a<&>1', '1', '12.5')")
            }
        }
    }

    @Test func aNewFileIsPrivateAndInWALMode() throws {
        let directory = try TemporaryDirectory()
        let database = try CatalogDatabase.open(at: directory.catalogURL)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.catalogURL.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try database.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func anExistingFileIsMadePrivate() throws {
        let directory = try TemporaryDirectory()
        #expect(FileManager.default.createFile(atPath: directory.catalogURL.path, contents: nil, attributes: [.posixPermissions: 0o644]))
        _ = try CatalogDatabase.open(at: directory.catalogURL)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.catalogURL.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aReopenedCatalogKeepsItsProductsAndSource() async throws {
        let directory = try TemporaryDirectory()
        do {
            let database = try CatalogDatabase.open(at: directory.catalogURL)
            try await refresh(database, from: SampleCatalog.api())
            try database.close()
        }
        let reopened = try CatalogDatabase.open(at: directory.catalogURL)
        #expect(try reopened.liveProductCount() == 8)
        #expect(try reopened.metadata()?.isComplete == true)
        #expect(try reopened.products(CatalogQuery(text: "netflix")).items.map(\.id) == ["netflix-de"])
    }

    @Test func aFileThatIsNotADatabaseIsReportedAsDamagedAndCanBeMovedAside() throws {
        let directory = try TemporaryDirectory()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: directory.catalogURL)
        let error = #expect(throws: CatalogStoreError.self) { try CatalogDatabase.open(at: directory.catalogURL) }
        #expect(error?.kind == .corrupted)
        #expect(error?.message.contains("storefront catalog refresh --rebuild") == true)

        let moved = try #require(try CatalogFile.moveAside(directory.catalogURL, now: Date(timeIntervalSince1970: 0)))
        #expect(moved.lastPathComponent == "catalog.sqlite.unusable-19700101-000000")
        #expect(try Data(contentsOf: moved) == garbage)
        #expect(try CatalogDatabase.open(at: directory.catalogURL).liveProductCount() == 0)
    }

    @Test func anotherProgramsDatabaseIsRefusedNotOverwritten() throws {
        let directory = try TemporaryDirectory()
        let other = try DatabaseQueue(path: directory.catalogURL.path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')") }
        try other.close()
        let error = #expect(throws: CatalogStoreError.self) { try CatalogDatabase.open(at: directory.catalogURL) }
        #expect(error?.kind == .foreign)
        let notes = try DatabaseQueue(path: directory.catalogURL.path).read { try String.fetchAll($0, sql: "SELECT text FROM notes") }
        #expect(notes == ["keep me"])
    }

    @Test func aCatalogFromANewerVersionIsRefused() throws {
        let directory = try TemporaryDirectory()
        do {
            let database = try CatalogDatabase.open(at: directory.catalogURL)
            try database.writer.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')") }
            try database.close()
        }
        let error = #expect(throws: CatalogStoreError.self) { try CatalogDatabase.open(at: directory.catalogURL) }
        #expect(error?.kind == .newerSchema)
    }

    @Test func damageFoundWhileReadingIsReportedNotACrash() async throws {
        let directory = try TemporaryDirectory()
        do {
            let database = try CatalogDatabase.open(at: directory.catalogURL)
            try await refresh(database, from: FakeCatalogAPI(
                products: (0..<400).map { FakeProduct(id: "p\($0)", name: "Product number \($0) with a long name") }, pageSize: 50))
            _ = try await database.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
            try database.close()
        }
        // Overwrite everything past the first page (the header stays valid, the tables do not).
        let handle = try FileHandle(forWritingTo: directory.catalogURL)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()

        let error = #expect(throws: CatalogStoreError.self) {
            let database = try CatalogDatabase.open(at: directory.catalogURL)
            _ = try database.products(CatalogQuery(text: "product", limit: nil))
            _ = try database.countries()
        }
        #expect(error?.kind == .corrupted)
    }
}
