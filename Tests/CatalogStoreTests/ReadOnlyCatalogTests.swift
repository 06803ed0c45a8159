@testable import CatalogStore
import BitrefillAPI
import Foundation
import GRDB
import StorefrontApp
import StorefrontDomain
import Testing

/// The catalog commands only read: they must answer while another storefront writes the file (a refresh in a
/// terminal, the TUI's background refresh), and must leave the file as they found it.
@Suite struct ReadOnlyCatalogTests {
    let settings = ConnectionSettings(target: .api(baseURL: FakeCatalogAPI.baseURL, credentials: .bearer(apiKey: "test-key")))

    /// A data directory holding a complete catalog from the fake API, closed again.
    func filledDirectory() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let database = try CatalogDatabase.open(at: directory.catalogURL)
        try await refresh(database, from: SampleCatalog.api())
        try database.close()
        return directory
    }

    @Test func aListingAnswersWhileAnotherProcessHoldsTheWriteLock() async throws {
        let directory = try await filledDirectory()
        // Another connection in the middle of a write transaction, as a refresh writing a page is, just after a
        // checkpoint emptied the write-ahead log.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let writer = try DatabaseQueue(path: directory.catalogURL.path, configuration: configuration)
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE product SET in_stock = in_stock")
        }
        defer { try? writer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }

        let service = try CatalogService.openForReading(dataDirectory: DataDirectory(url: directory.url), settings: settings)
        let listing = try service.listing(CatalogQuery(text: "netflix"))
        #expect(listing.entries.count == 1)
        #expect(listing.total == 1)
    }

    @Test func readingLeavesTheFileAsItWas() async throws {
        let directory = try await filledDirectory()
        let files = [directory.catalogURL.path, directory.catalogURL.path + "-wal"]
        let before = files.map { FileManager.default.contents(atPath: $0) }
        let service = try CatalogService.openForReading(dataDirectory: DataDirectory(url: directory.url), settings: settings)
        #expect(try service.listing(CatalogQuery()).total == 8)
        #expect(files.map { FileManager.default.contents(atPath: $0) } == before)
    }

    @Test func anEmptyDataDirectoryIsStillCreatedAndFilledByAReadingCommand() async throws {
        let directory = try TemporaryDirectory()
        let service = try CatalogService.openForReading(dataDirectory: DataDirectory(url: directory.url.appendingPathComponent("new")),
                                                        settings: settings)
        #expect(try service.startupAction() == .fill)
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("new/catalog.sqlite").path))
    }

    @Test func aCatalogOfAnEarlierVersionIsMigratedByAReadingCommand() async throws {
        let directory = try await filledDirectory()
        let earlier = try DatabaseQueue(path: directory.catalogURL.path)
        try await earlier.write { db in
            try db.execute(sql: "DROP INDEX product_listing")
            try db.execute(sql: "CREATE INDEX product_live_by_name ON product (name_key) WHERE gone IS NULL")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v2 listing index'")
        }
        try earlier.close()

        let service = try CatalogService.openForReading(dataDirectory: DataDirectory(url: directory.url), settings: settings)
        #expect(try service.listing(CatalogQuery()).total == 8)
        let migrated = try DatabaseQueue(path: directory.catalogURL.path)
        #expect(try await migrated.read { try $0.indexes(on: "product").contains { $0.name == "product_listing" } })
    }

    @Test func aCatalogOfAnotherSourceIsOpenedForReplacing() async throws {
        let directory = try await filledDirectory()
        let other = ConnectionSettings(target: .api(baseURL: URL(string: "https://api.other.test/v2")!, credentials: .bearer(apiKey: "k")))
        let service = try CatalogService.openForReading(dataDirectory: DataDirectory(url: directory.url), settings: other)
        guard case .replace = try service.startupAction() else {
            Issue.record("expected the catalog to be replaced")
            return
        }
        // It can be written: the replacement happens on this service.
        try await service.database.write { try $0.execute(sql: "UPDATE product SET in_stock = in_stock") }
    }
}
