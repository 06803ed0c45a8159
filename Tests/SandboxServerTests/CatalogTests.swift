import Foundation
import Testing
@testable import SandboxServer

@Suite struct CatalogTests {
    @Test func defaultCatalogHasFiveThousandProductsAcrossSixtyCountriesAndEveryType() {
        let catalog = Catalog(seed: 1, productCount: 5_000)
        let listed = catalog.list(Catalog.Filter())
        #expect(listed.count == 5_000)
        let products = listed.map { catalog.products[$0] }
        #expect(Set(products.map(\.countryCode)).count >= 60)
        #expect(Set(products.map(\.kind)) == Set(ProductKind.allCases))
        #expect(Set(catalog.products.map(\.id)).count == catalog.products.count)
        #expect(products.contains { !$0.inStock })
        #expect(products.contains { !$0.name.allSatisfy(\.isASCII) })
        #expect(products.contains { $0.kind == .giftCard && !$0.packages.isEmpty && $0.range == nil })
        #expect(products.contains { $0.kind == .giftCard && $0.packages.isEmpty && $0.range != nil })
        #expect(products.contains { $0.kind == .giftCard && !$0.packages.isEmpty && $0.range != nil })
        #expect(products.allSatisfy { $0.kind != .esim || (!$0.coverage.isEmpty && $0.packages.allSatisfy { $0.dataMB != nil }) })
        #expect(products.allSatisfy { product in
            guard let range = product.range else { return true }
            return range.min < range.max && (range.max - range.min) % range.step == 0
        })
    }

    @Test func sameSeedGivesTheSameCatalogAndAnotherSeedDoesNot() {
        func listing(seed: UInt64) -> [String] {
            let catalog = Catalog(seed: seed, productCount: 2_000)
            return catalog.list(Catalog.Filter()).map { catalog.products[$0].id }
        }
        let first = listing(seed: 7)
        let again = listing(seed: 7)
        let other = listing(seed: 8)
        #expect(first == again)
        #expect(first != other)
    }

    /// How fast is the benchmark's business (`storefront-bench` builds 200,000 products); this pins that it works.
    @Test func catalogScalesToTwoHundredThousandProducts() {
        let catalog = Catalog(seed: 1, productCount: 200_000)
        #expect(catalog.list(Catalog.Filter()).count == 200_000)
    }

    @Test(arguments: [60, 300])
    func smallCatalogsStillMixKindsAndStock(count: Int) {
        let catalog = Catalog(seed: 1, productCount: count)
        let listed = catalog.list(Catalog.Filter()).map { catalog.products[$0] }
        #expect(listed.count == count)
        #expect(Set(listed.map(\.kind)).count >= 3)
        #expect(listed.contains { !$0.inStock })
        #expect(listed.contains { $0.name == "ユニクロ" })
    }

    @Test func testProductsAreListedOnlyWhenAskedFor() async throws {
        try await TestSandbox.with { sandbox in
            let plain = try await sandbox.get("/products?limit=50")
            #expect(!plain.list.contains { ($0["id"] as? String)?.hasPrefix("test-") == true })
            let withTests = try await sandbox.get("/products?limit=50&include_test_products=true")
            let ids = withTests.list.compactMap { $0["id"] as? String }
            #expect(Array(ids.prefix(7)) == [
                "test-gift-card-code", "test-gift-card-code-fail", "test-gift-card-link", "test-gift-card-link-fail",
                "test-phone-refill", "test-phone-refill-fail", "test-esim",
            ])
            let direct = try await sandbox.get("/products/test-gift-card-code")
            #expect(direct.status == 200)
        }
    }

    @Test func sameSeedServesByteIdenticalPages() async throws {
        let path = "/products?start=100&limit=50"
        func page(seed: UInt64) async throws -> [UInt8] {
            try await TestSandbox.value(TestSandbox.configuration { $0.seed = seed }) { try await $0.get(path, host: "sandbox.test").body }
        }
        let first = try await page(seed: 1)
        let second = try await page(seed: 1)
        let other = try await page(seed: 2)
        let identical = first == second
        let different = first != other
        #expect(identical)
        #expect(different)
    }

    @Test func nextIsAFullURLKeepingTheOtherParametersUntilTheLastPage() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.productCount = 120 }) { sandbox in
            var reply = try await sandbox.get("/products?limit=50&include_test_products=true", host: "sandbox.local:1234")
            let next = reply.meta["_next"] as? String
            #expect(next == "http://sandbox.local:1234/v2/products?limit=50&include_test_products=true&start=50")
            #expect(reply.meta["_endpoint"] as? String == "/products")

            var ids: [String] = reply.list.compactMap { $0["id"] as? String }
            var url = try #require(reply.meta["_next"] as? String).replacingOccurrences(of: "sandbox.local:1234", with: "127.0.0.1:\(sandbox.sandbox.port)")
            while true {
                reply = try await sandbox.get(url: url)
                ids += reply.list.compactMap { $0["id"] as? String }
                guard let next = reply.meta["_next"] as? String else { break }
                url = next
            }
            #expect(ids.count == 128)
            #expect(Set(ids).count == 128)
        }
    }

    @Test func limitAboveFiftyIsClampedAndBadPagingIsInvalid() async throws {
        try await TestSandbox.with { sandbox async throws in
            #expect(try await sandbox.get("/products?limit=500").list.count == 50)
            #expect(try await sandbox.get("/products?limit=0").errorCode == "invalid_param")
            #expect(try await sandbox.get("/products?start=-1").errorCode == "invalid_param")
            #expect(try await sandbox.get("/products?type=toaster").errorCode == "invalid_param")
            #expect(try await sandbox.get("/products?country=USA").errorCode == "invalid_param")
        }
    }

    @Test func filtersByCountryAndType() async throws {
        try await TestSandbox.with { sandbox in
            let german = try await sandbox.get("/products?country=de&limit=50").list
            #expect(!german.isEmpty)
            #expect(german.allSatisfy { $0["country_code"] as? String == "DE" })
            let refills = try await sandbox.get("/products?type=phone_refill&limit=50").list
            #expect(!refills.isEmpty)
            #expect(refills.allSatisfy { $0["recipient_type"] as? String == "phone_number" })
            let esims = try await sandbox.get("/products/esims?country=JP").list
            #expect(!esims.isEmpty)
            #expect(esims.allSatisfy { ($0["coverage"] as? [String])?.contains("JP") == true })
        }
    }

    @Test func searchMatchesNamesIgnoringCaseAndChecksTheQuery() async throws {
        try await TestSandbox.with { sandbox in
            let cafe = try await sandbox.get("/products/search?q=CAF%C3%A9%20m").list
            #expect(cafe.contains { $0["name"] as? String == "Café Müller" })
            let japanese = try await sandbox.get("/products/search?q=%E3%83%A6%E3%83%8B%E3%82%AF%E3%83%AD").list
            #expect(japanese.first?["name"] as? String == "ユニクロ")
            #expect(try await sandbox.get("/products/search?q=").errorCode == "invalid_param")
            #expect(try await sandbox.get("/products/search?q=\(String(repeating: "a", count: 101))").errorCode == "invalid_param")
            #expect(try await sandbox.get("/products/search").errorCode == "missing_param")
        }
    }

    @Test func unknownProductIsNotFound() async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.get("/products/no-such-thing")
            #expect(reply.status == 404)
            #expect(reply.errorCode == "not_found")
            #expect(reply.meta["_endpoint"] as? String == "/products/no-such-thing")
            #expect(try await sandbox.get("/products/esims/test-gift-card-code").status == 404)
            #expect(try await sandbox.get("/products/esims/test-esim").status == 200)
        }
    }
}
