import BitrefillAPI
import CatalogStore
import Foundation
import SandboxServer
import StorefrontApp
import StorefrontDomain
import Testing

/// Refreshes against the real sandbox over loopback HTTP, in both dialects and under the real rate limits.
@Suite struct SandboxRefreshTests {
    /// A sandbox with a small catalog, a client of it with short backoffs, and a refresher into `database`.
    private func withSandbox(dialect: SandboxDialect = .observed, limits: SandboxRateLimits = .real,
                             _ body: (RunningSandbox, CatalogRefresher) async throws -> Void) async throws {
        let sandbox = try await RunningSandbox.start(configuration: SandboxConfiguration(productCount: 300, dialect: dialect, rateLimits: limits))
        let relay = ClientEventRelay()
        let configuration = ClientConfiguration(baseURL: URL(string: sandbox.baseURL)!, credentials: .bearer(apiKey: "sandbox-key"),
                                                backoffBase: .milliseconds(10), backoffCap: .milliseconds(50), onEvent: relay.send)
        let refresher = CatalogRefresher(database: try CatalogDatabase.inMemory(), client: BitrefillClient(configuration: configuration),
                                         events: relay)
        do {
            try await body(sandbox, refresher)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test(arguments: [SandboxDialect.observed, .docs])
    func refreshReadsTheWholeSandboxCatalogUnderRealRateLimits(dialect: SandboxDialect) async throws {
        try await withSandbox(dialect: dialect) { sandbox, refresher in
            let summary = try await refresher.refresh()
            let database = refresher.database
            #expect(summary.productsListed >= 300)
            #expect(summary.unreadable == 0)
            #expect(try database.liveProductCount() == summary.productsListed)
            let metadata = try #require(try database.metadata())
            #expect(metadata.dialect == (dialect == .observed ? .observed : .docs))
            #expect(metadata.accountCurrency == "BTC")
            #expect(metadata.source.apiURL == sandbox.baseURL)

            let countries = try database.countries()
            let typesPresent = ProductType.knownCases.filter { type in countries.contains { $0.count(of: type) > 0 } }
            #expect(typesPresent == ProductType.knownCases)
            let plans = try database.esimPlans(covering: "FR")
            #expect(!plans.isEmpty)
            #expect(try database.products(CatalogQuery(text: "cafe muller")).items.first?.name == "Café Müller")
            #expect(try database.product(id: "test-gift-card-code") != nil)

            let again = try await refresher.refresh()
            #expect(again.written == 0)
            #expect(again.unchanged == summary.productsListed)
        }
    }

    @Test func aRateLimitedPageIsWaitedForAndTheRefreshCompletes() async throws {
        try await withSandbox { sandbox, refresher in
            await sandbox.control.inject(ScriptedFault(.rateLimited(headers: [.rateLimit], reset: .seconds(1)), pathPrefix: "/products"))
            let waits = ProgressLog()
            let summary = try await refresher.refresh(onProgress: waits.append)
            #expect(summary.productsListed >= 300)
            #expect(waits.all.contains { if case .waitingForRateLimit = $0.phase { true } else { false } })
        }
    }

    @Test func garbageOrServerErrorsMidwayKeepThePreviousCatalog() async throws {
        try await withSandbox(limits: .off) { sandbox, refresher in
            _ = try await refresher.refresh()
            let before = try refresher.database.products(CatalogQuery(limit: nil))
            let metadata = try refresher.database.metadata()
            // An HTML page and a 5xx are both transient for a GET: tried five times (the client's four retries) before failing.
            for (fault, attempts) in [(ScriptedFault.Kind.malformedBody(html: true), 5), (.serverError(status: 503), 5)] {
                // The eSIM pages and the first product pages go through; then the next page fails.
                await sandbox.control.inject(ScriptedFault(.delay(.zero), pathPrefix: "/products", count: 3))
                await sandbox.control.inject(ScriptedFault(fault, pathPrefix: "/products", count: attempts))
                await #expect(throws: RefreshError.self) { try await refresher.refresh() }
                #expect(await sandbox.control.pendingFaults().isEmpty)
                #expect(try refresher.database.products(CatalogQuery(limit: nil)) == before)
                #expect(try refresher.database.metadata() == metadata)
            }
        }
    }
}
