@testable import CatalogStore
import Foundation
import StorefrontDomain
import Testing

@Suite struct QueryTests {
    /// The sample catalog, refreshed into a new in-memory cache.
    private func catalog() async throws -> CatalogDatabase {
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: SampleCatalog.api())
        return database
    }

    private func ids(_ database: CatalogDatabase, _ query: CatalogQuery) throws -> [String] {
        try database.products(query).items.map(\.id)
    }

    @Test func countriesCountProductsPerTypeWithESIMsInEveryCountryTheyCover() async throws {
        let countries = try await catalog().countries()
        #expect(countries.map(\.code) == ["FR", "DE", "ES", "KN", "US"])
        let germany = try #require(countries.first { $0.code == "DE" })
        #expect(germany.name == "Germany")
        #expect(germany.giftCards == 2)
        #expect(germany.phoneRefills == 1)
        #expect(germany.esims == 1)
        #expect(germany.total == 4)
        let france = try #require(countries.first { $0.code == "FR" })
        #expect((france.giftCards, france.billPayments, france.esims) == (1, 1, 1))
        #expect(countries.first { $0.code == "ES" }?.name == "Spain")
    }

    /// "All countries" counts each product once, as the list below it does: an eSIM plan covering ten countries
    /// counts once, and a product of no country counts too.
    @Test func allCountriesCountsEachProductOnceAsTheListDoes() async throws {
        let database = try await catalog()
        let totals = try database.totals()
        for type in [nil] + ProductType.knownCases.map(Optional.some) {
            let listed = try database.products(CatalogQuery(type: type, limit: 1)).totalCount
            #expect(totals.count(of: type) == listed, "\(type?.rawValue ?? "all types")")
        }
        let summed = try database.countries().reduce(0) { $0 + $1.esims }
        #expect(totals.count(of: .esim) < summed, "the sample has a plan covering several countries")
    }

    @Test func browsingListsLiveProductsByName() async throws {
        let database = try await catalog()
        #expect(try ids(database, CatalogQuery(limit: nil)) == [
            "amazon-us", "cafe-de-flore", "edf-fr", "esim-europe", "netflix-de", "test-gift-card-code", "vodafone-de", "zalando-de",
        ])
    }

    @Test func filtersCombineCountryTypeAndStock() async throws {
        let database = try await catalog()
        #expect(try ids(database, CatalogQuery(country: "de")) == ["esim-europe", "netflix-de", "vodafone-de", "zalando-de"])
        #expect(try ids(database, CatalogQuery(country: "DE", type: .giftCard)) == ["netflix-de", "zalando-de"])
        #expect(try ids(database, CatalogQuery(country: "DE", type: .giftCard, inStockOnly: true)) == ["netflix-de"])
        #expect(try ids(database, CatalogQuery(type: .billPayment)) == ["edf-fr"])
        #expect(try database.esimPlans(covering: "ES").map(\.id) == ["esim-europe"])
        #expect(try database.esimPlans(covering: "US").isEmpty)
    }

    @Test func pagesReportTheTotalAndWhetherMoreFollow() async throws {
        let database = try await catalog()
        let first = try database.products(CatalogQuery(limit: 3))
        let second = try database.products(CatalogQuery(offset: 3, limit: 3))
        #expect(first.totalCount == 8)
        #expect(first.hasMore)
        #expect(first.items.map(\.id) == ["amazon-us", "cafe-de-flore", "edf-fr"])
        #expect(second.items.map(\.id) == ["esim-europe", "netflix-de", "test-gift-card-code"])
        #expect(try database.products(CatalogQuery(offset: 6, limit: 3)).hasMore == false)
    }

    @Test func searchMatchesWordPrefixesIgnoringCaseAndAccents() async throws {
        let database = try await catalog()
        #expect(try ids(database, CatalogQuery(text: "caf")) == ["cafe-de-flore"])
        #expect(try ids(database, CatalogQuery(text: "CAFÉ")) == ["cafe-de-flore"])
        #expect(try ids(database, CatalogQuery(text: "electricite")) == ["edf-fr"])
        #expect(try ids(database, CatalogQuery(text: "vod ger")) == ["vodafone-de"])
        #expect(try ids(database, CatalogQuery(text: "vodafone france")).isEmpty)
    }

    @Test func searchLooksAtIdsCategoriesAndCountries() async throws {
        let database = try await catalog()
        #expect(try ids(database, CatalogQuery(text: "zalando-de")) == ["zalando-de"])
        #expect(try ids(database, CatalogQuery(text: "utilities")) == ["edf-fr"])
        #expect(try ids(database, CatalogQuery(text: "nevis")) == ["test-gift-card-code"])
    }

    @Test func searchRanksNameStartsFirstThenNameMatchesAboveOtherFields() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = FakeCatalogAPI(products: [
            FakeProduct(id: "gift-shop", name: "Shop Gifts", categories: ["amazon"]),
            FakeProduct(id: "prime", name: "Prime by Amazon"),
            FakeProduct(id: "amazon-uk", name: "Amazon UK"),
            FakeProduct(id: "amazon-us", name: "Amazon US and more gift cards"),
        ])
        try await refresh(database, from: api)
        #expect(try ids(database, CatalogQuery(text: "amaz")) == ["amazon-uk", "amazon-us", "prime", "gift-shop"])
    }

    @Test func searchAppliesFilters() async throws {
        let database = try await catalog()
        #expect(Set(try ids(database, CatalogQuery(country: "FR", text: "e"))) == ["edf-fr", "esim-europe"])
        #expect(try ids(database, CatalogQuery(type: .esim, text: "europe")) == ["esim-europe"])
        #expect(try ids(database, CatalogQuery(inStockOnly: true, text: "zalando")).isEmpty)
    }

    @Test func searchTextCannotBreakTheQuery() async throws {
        let database = try await catalog()
        for text in [#"""#, "AND", "OR NOT", "*", "(", "{name}:", "^amazon", "amazon\"*", "NEAR(a b)", "-", "'; DROP TABLE product; --"] {
            _ = try database.products(CatalogQuery(text: text))
        }
        #expect(try ids(database, CatalogQuery(text: "\"amazon\" OR")) == [])
        #expect(try ids(database, CatalogQuery(text: "(amazon)")) == ["amazon-us"])
    }

    @Test func aBroadSearchListsNameStartsAlphabeticallyThenTheOtherMatchesAndPagesThroughThemAll() async throws {
        let database = try CatalogDatabase.inMemory()
        let half = CatalogDatabase.rankedCandidates / 2 + 20
        let products = (0..<half).flatMap { [FakeProduct(id: "p\($0)", name: "Product \($0)"), FakeProduct(id: "g\($0)", name: "Great product \($0)")] }
        try await refresh(database, from: FakeCatalogAPI(products: products, pageSize: 50))
        var seen: [ProductSummary] = []
        var offset = 0
        while true {
            let page = try database.products(CatalogQuery(text: "prod", offset: offset, limit: 100))
            seen += page.items
            offset += page.items.count
            #expect(page.totalCount == 2 * half)
            if !page.hasMore { break }
        }
        #expect(seen.count == 2 * half)
        #expect(Set(seen.map(\.id)).count == 2 * half)
        #expect(seen.prefix(3).map(\.name) == ["Product 0", "Product 1", "Product 10"])
        #expect(seen[..<half].allSatisfy { $0.name.hasPrefix("Product") })
        #expect(seen[half...].allSatisfy { $0.name.hasPrefix("Great") })
        #expect(try database.products(CatalogQuery(text: "prod", limit: nil)).items == seen)
    }

    @Test func showGivesDenominationsAndPrices() async throws {
        let database = try await catalog()
        let amazon = try #require(try database.product(id: "amazon-us"))
        #expect(amazon.denominations.packages.map(\.value) == ["10", "25", "50"])
        #expect(amazon.denominations.packages.map(\.id) == ["amazon-us<&>p10", "amazon-us<&>p25", "amazon-us<&>p50"])
        #expect(amazon.price(of: amazon.denominations.packages[0]) == Money(minorUnits: 16_000, currency: .btc))
        #expect(amazon.categories == ["gifts", "shopping"])
        let netflix = try #require(try database.product(id: "netflix-de"))
        #expect(netflix.denominations.range == ValueRange(min: 15, max: 100, step: 5, priceRateMicros: 1_666_330_000))
        #expect(netflix.summary.faceValues == "15 to 100 EUR")
        #expect(try database.product(id: "no-such-product") == nil)
    }

    @Test func everyProductHasAKnownType() async throws {
        let database = try await catalog()
        let types = try database.products(CatalogQuery(limit: nil)).items.map { "\($0.id):\($0.type.rawValue)" }
        #expect(types == [
            "amazon-us:gift_card", "cafe-de-flore:gift_card", "edf-fr:bill_payment", "esim-europe:esim",
            "netflix-de:gift_card", "test-gift-card-code:gift_card", "vodafone-de:phone_refill", "zalando-de:gift_card",
        ])
    }
}
