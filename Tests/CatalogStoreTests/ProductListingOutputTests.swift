import BitrefillAPI
import CatalogStore
import CommandReports
import Foundation
import SandboxServer
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// Pins what `storefront catalog list` prints, byte for byte, for tables, JSON and searches, so the listing can
/// be made fast without changing a character of it. The fixtures in `__Snapshots__` were recorded from the
/// listing before it was optimised.
@Suite struct ProductListingOutputTests {
    /// The sandbox's seeded catalog at a small size: accents, CJK, emoji, right-to-left names, eSIM labels,
    /// ranges and packages, out-of-stock products.
    static func sandboxCatalog(products: Int = 300) async throws -> CatalogService {
        let sandbox = try await RunningSandbox.start(configuration: SandboxConfiguration(productCount: products, rateLimits: .off))
        let relay = ClientEventRelay()
        let configuration = ClientConfiguration(baseURL: URL(string: sandbox.baseURL)!, credentials: .bearer(apiKey: "sandbox-key"),
                                                onEvent: relay.send)
        let database = try CatalogDatabase.inMemory()
        let refresher = CatalogRefresher(database: database, client: BitrefillClient(configuration: configuration), events: relay)
        do {
            _ = try await refresher.refresh()
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
        return CatalogService(database: database, source: CatalogSource(baseURL: configuration.baseURL, credentials: configuration.credentials))
    }

    /// Products whose ids and names carry what a hostile or careless API could send: escape sequences, control
    /// characters, quotes and backslashes, bidi overrides, wide characters, long names.
    static func hostileCatalog() async throws -> CatalogService {
        let api = FakeCatalogAPI(products: [
            FakeProduct(id: "esc-\u{1B}]0;owned\u{07}-id", name: "Title \u{1B}]0;owned\u{07}Changer", packages: [("a", "5", 100), ("b", "12.5", 250)]),
            FakeProduct(id: "quote\"back\\slash/tab\tid", name: "Quote \"and\" back\\slash / tab\there", range: (5, 250, 5, 1_234.5)),
            FakeProduct(id: "bidi-\u{202E}txt.exe", name: "Bidi \u{202E}exe.txt\u{202C} trick", country: "DE", countryName: "Germany",
                        currency: "EUR", packages: [("1", "1GB, 7 Days", 10), ("3", "3GB, 30 Days", 20), ("5", "5GB, 30 Days", 30),
                                                    ("9", "10GB, 30 Days", 40)]),
            FakeProduct(id: "wide", name: "東京タワー 🗼 Observation Deck Gift Card With A Very Long Name That Keeps Going",
                        country: "JP", countryName: "Japan", currency: "JPY", inStock: false,
                        packages: [("1", "1000", 1), ("2", "3000", 2), ("3", "5000", 3), ("4", "10000", 4)]),
            FakeProduct(id: "c1-\u{9B}31m-red", name: "C1 \u{9B}31mred\u{9B}0m and DEL\u{7F}", country: nil, packages: []),
        ], esims: SampleCatalog.esims, docs: false, pageSize: 3)
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: api)
        return CatalogService(database: database, source: CatalogSource(baseURL: FakeCatalogAPI.baseURL, credentials: .bearer(apiKey: "test-key")))
    }

    static func table(_ service: CatalogService, _ query: CatalogQuery, width: Int) throws -> String {
        var bytes: [UInt8] = []
        var out = OutputBuffer { bytes += $0 }
        try service.writeProductTable(query, width: width, to: &out)
        return String(decoding: bytes.dropLast(), as: UTF8.self)
    }

    static func json(_ service: CatalogService, _ query: CatalogQuery) throws -> String {
        var bytes: [UInt8] = []
        var out = OutputBuffer { bytes += $0 }
        try service.writeProductJSON(query, to: &out)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theWholeCatalogAsATableAndAsJSON() async throws {
        let service = try await Self.sandboxCatalog()
        assertSnapshot(try Self.table(service, CatalogQuery(limit: nil), width: 100_000), named: "listing-table-wide")
        assertSnapshot(try Self.table(service, CatalogQuery(limit: nil), width: 80), named: "listing-table-80")
        assertSnapshot(try Self.table(service, CatalogQuery(limit: nil), width: 40), named: "listing-table-40")
        assertSnapshot(try Self.json(service, CatalogQuery(limit: nil)), named: "listing-json")
    }

    @Test func searchesAndFiltersAsATableAndAsJSON() async throws {
        let service = try await Self.sandboxCatalog()
        for (name, query) in [
            ("g", CatalogQuery(text: "g", limit: nil)),
            ("cafe-muller", CatalogQuery(text: "cafe muller", limit: nil)),
            ("rare", CatalogQuery(text: "yunikuro", limit: nil)),
            ("none", CatalogQuery(text: "zzzzqqq", limit: nil)),
            ("de-giftcards-instock", CatalogQuery(country: "DE", type: .giftCard, inStockOnly: true, limit: nil)),
            ("esim-fr", CatalogQuery(country: "FR", type: .esim, limit: nil)),
        ] {
            assertSnapshot(try Self.table(service, query, width: 100_000), named: "listing-search-\(name)")
            assertSnapshot(try Self.json(service, query), named: "listing-search-\(name)-json")
        }
    }

    @Test func hostileTextStaysInertInTablesAndJSON() async throws {
        let service = try await Self.hostileCatalog()
        let table = try Self.table(service, CatalogQuery(limit: nil), width: 100_000)
        let narrow = try Self.table(service, CatalogQuery(limit: nil), width: 60)
        let json = try Self.json(service, CatalogQuery(limit: nil))
        for text in [table, narrow] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        }
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0 == "\t" })
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [Any])
        assertSnapshot(table, named: "listing-hostile-wide")
        assertSnapshot(narrow, named: "listing-hostile-60")
        assertSnapshot(json, named: "listing-hostile-json")
    }
}

/// A large listing reads whole tables (the listing index, all packages, all ranges) instead of looking up each
/// product: it must give the very rows, in the very order, of the general way.
@Suite struct BulkListingTests {
    static func rendered(_ listing: ProductListing) -> [String] {
        [100_000, 80].map { width in
            var bytes: [UInt8] = []
            var out = OutputBuffer { bytes += $0 }
            ProductListingText.writeTable(listing, width: width, to: &out)
            return String(decoding: bytes, as: UTF8.self)
        } + [{
            var bytes: [UInt8] = []
            var out = OutputBuffer(chunkSize: 100) { bytes += $0 }
            ProductListingText.writeJSON(listing, to: &out)
            return String(decoding: bytes, as: UTF8.self)
        }()]
    }

    @Test func aLargeListingGivesTheRowsAndOrderOfTheGeneralWay() async throws {
        let service = try await ProductListingOutputTests.sandboxCatalog(products: 1_500)
        for query in [
            CatalogQuery(limit: nil),
            CatalogQuery(text: "g", limit: nil),
            CatalogQuery(text: "ga", limit: nil),
            CatalogQuery(text: "cafe", limit: nil),
            CatalogQuery(country: "DE", type: .giftCard, inStockOnly: true, limit: nil),
            CatalogQuery(country: "FR", type: .esim, limit: nil),
            CatalogQuery(type: .phoneRefill, text: "g", limit: nil),
        ] {
            let general = try service.listing(query, bulkAbove: .max)
            let bulk = try service.listing(query, bulkAbove: 0)
            #expect(bulk.total == general.total, "\(query)")
            #expect(bulk.entries.count == general.entries.count, "\(query)")
            #expect(Self.rendered(bulk) == Self.rendered(general), "\(query)")
        }
        // "g" matches more than are ranked by relevance, so the bulk search (by name, then catalog order) is what ran.
        #expect(try service.listing(CatalogQuery(text: "g", limit: nil)).total > 500)
    }

    @Test func hostileRowsReadInBulkMatchTheGeneralWay() async throws {
        let service = try await ProductListingOutputTests.hostileCatalog()
        let query = CatalogQuery(limit: nil)
        #expect(Self.rendered(try service.listing(query, bulkAbove: 0)) == Self.rendered(try service.listing(query, bulkAbove: .max)))
    }
}
