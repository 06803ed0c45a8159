import CatalogStore
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain
import Testing

@Suite struct FreshnessTests {
    let source = CatalogSource(apiURL: "https://api.bitrefill.com/v2", account: "abc")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func metadata(completedAgo age: TimeInterval?, source: CatalogSource? = nil) -> CatalogMetadata {
        CatalogMetadata(source: source ?? self.source, lastStarted: now.addingTimeInterval(-(age ?? 10)),
                        lastCompleted: age.map { now.addingTimeInterval(-$0) }, productCount: 10)
    }

    @Test func aFreshCacheAnswersAlone() {
        #expect(CatalogFreshnessPolicy().startupAction(for: metadata(completedAgo: 600), source: source, now: now) == .useCache(age: 600))
    }

    @Test func aStaleCacheAnswersWhileRefreshingInTheBackground() {
        let action = CatalogFreshnessPolicy().startupAction(for: metadata(completedAgo: 3_700), source: source, now: now)
        #expect(action == .refreshInBackground(age: 3_700))
        #expect(action.needsRefresh)
    }

    @Test func anEmptyOrIncompleteCacheIsFilled() {
        #expect(CatalogFreshnessPolicy().startupAction(for: nil, source: source, now: now) == .fill)
        #expect(CatalogFreshnessPolicy().startupAction(for: metadata(completedAgo: nil), source: source, now: now) == .fill)
    }

    @Test func aCacheOfAnotherAPIIsReplacedNeverReused() {
        let other = CatalogSource(apiURL: "https://api-bitrefill.com/v2", account: "abc")
        let action = CatalogFreshnessPolicy().startupAction(for: metadata(completedAgo: 5, source: other), source: source, now: now)
        #expect(action == .replace(previous: other))
        let otherAccount = CatalogSource(apiURL: source.apiURL, account: "def")
        #expect(CatalogFreshnessPolicy().startupAction(for: metadata(completedAgo: 5, source: otherAccount), source: source, now: now)
            == .replace(previous: otherAccount))
    }

    @Test func theMaximumAgeIsConfigurable() throws {
        #expect(try CatalogFreshnessPolicy.resolve(environment: [:]).maxAge == 3_600)
        #expect(try CatalogFreshnessPolicy.resolve(environment: ["STOREFRONT_CATALOG_MAX_AGE": "30m"]).maxAge == 1_800)
        #expect(try CatalogFreshnessPolicy.resolve(environment: ["STOREFRONT_CATALOG_MAX_AGE": "90"]).maxAge == 90)
        #expect(try CatalogFreshnessPolicy.resolve(environment: ["STOREFRONT_CATALOG_MAX_AGE": "2h"]).maxAge == 7_200)
        #expect(throws: ConfigurationError.self) { try CatalogFreshnessPolicy.resolve(environment: ["STOREFRONT_CATALOG_MAX_AGE": "soon"]) }
    }

    @Test func sourcesAreNormalisedAndTheSandboxIsNamedNotAddressed() throws {
        let settings = try ConnectionSettings.resolve(apiURL: "HTTPS://API.Bitrefill.com/v2/", apiKey: "k", apiID: nil, apiSecret: nil, environment: [:])
        #expect(CatalogSource(settings: settings).apiURL == "https://api.bitrefill.com/v2")
        #expect(CatalogSource(settings: ConnectionSettings(target: .embeddedSandbox)) == .embeddedSandbox)
    }
}

@Suite struct CatalogServiceTests {
    @Test func anUnknownCountryListsTheValidOnes() async throws {
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: SampleCatalog.api())
        let service = CatalogService(database: database, source: CatalogSource(baseURL: FakeCatalogAPI.baseURL, credentials: .bearer(apiKey: "test-key")))
        let error = #expect(throws: CatalogFilterError.self) { try service.products(CatalogQuery(country: "ZZ")) }
        #expect(error?.message == "Unknown country \"ZZ\": use a two-letter code the catalog has products for. Valid countries: DE, ES, FR, KN, US.")
        #expect(try service.products(CatalogQuery(country: "es")).items.map(\.id) == ["esim-europe"])
    }

    @Test func aCacheOfAnotherSourceDoesNotAnswer() async throws {
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: SampleCatalog.api())
        let service = CatalogService(database: database, source: CatalogSource(apiURL: "https://elsewhere.test/v2", account: "x"))
        #expect(throws: CatalogLookupError.self) { try service.products(CatalogQuery()) }
        #expect(throws: CatalogLookupError.self) { try service.countries() }
    }
}

@Suite struct TableTests {
    let columns = [
        TextTable.Column("ID", flexible: true, minimumWidth: 4, priority: 8),
        TextTable.Column("NAME", flexible: true, minimumWidth: 6, priority: 9),
        TextTable.Column("N", alignment: .right, priority: 1),
    ]
    let rows = [["amazon-us", "Amazon.com gift card", "1"], ["x", "日本のカード", "22"]]

    @Test func aWideTerminalShowsEverythingAligned() {
        let lines = CatalogTables.render(columns: columns, rows: rows, width: 80)
        #expect(lines == [
            "ID         NAME                   N",
            "─────────  ────────────────────  ──",
            "amazon-us  Amazon.com gift card   1",
            "x          日本のカード          22",
        ])
    }

    @Test func flexibleColumnsShrinkWidestFirstToFit() {
        let lines = CatalogTables.render(columns: columns, rows: rows, width: 24)
        #expect(lines.allSatisfy { displayWidth($0) <= 24 })
        #expect(lines[2] == "amazon-us  Amazon.c…   1")
        #expect(lines[3] == "x          日本のカ…  22")
    }

    @Test func columnsAreDroppedLeastImportantFirstWhenShrinkingIsNotEnough() {
        let lines = CatalogTables.render(columns: columns, rows: rows, width: 12)
        #expect(lines[0] == "ID    NAME")
        #expect(lines.allSatisfy { displayWidth($0) <= 12 })
    }

    @Test func productDetailsFitTheWidth() async throws {
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: SampleCatalog.api())
        let amazon = try #require(try database.product(id: "amazon-us"))
        let lines = CatalogTables.detail(amazon, width: 60)
        #expect(lines.contains("Type:       Gift cards, derived: delivers a code or link"))
        #expect(lines.contains { $0.hasPrefix("Choose:     Choose a package: 10, 25, 50") })
        #expect(lines.contains { $0.hasPrefix("amazon-us<&>p10") && $0.hasSuffix("0.00016000 BTC") })
        #expect(lines.allSatisfy { displayWidth($0) <= 60 })
    }

    /// Columns, counting East Asian wide characters as two.
    private func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x3000...0x9FFF).contains($1.value) ? 2 : 1) }
    }
}
