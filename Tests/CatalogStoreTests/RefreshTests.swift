@testable import CatalogStore
import BitrefillAPI
import Foundation
import GRDB
import StorefrontDomain
import Testing

@Suite struct RefreshTests {
    @Test func firstRefreshFillsAnEmptyCache() async throws {
        let database = try CatalogDatabase.inMemory()
        let summary = try await refresh(database, from: SampleCatalog.api())
        #expect(summary.productsListed == 8)
        #expect(summary.added == 8)
        #expect(summary.changed == 0)
        #expect(try database.liveProductCount() == 8)
        let metadata = try #require(try database.metadata())
        #expect(metadata.isComplete)
        #expect(metadata.productCount == 8)
        #expect(metadata.dialect == .observed)
        #expect(metadata.accountCurrency == "BTC")
        #expect(metadata.source.apiURL == "https://api.example.test/v2")
    }

    @Test func refreshSkipsUnchangedProducts() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        let before = try database.product(id: "amazon-us")
        // One connection (in memory): its change counter sees every row any statement wrote.
        let changesBefore = try await database.writer.read { $0.totalChangesCount }
        let summary = try await refresh(database, from: api)
        let changesAfter = try await database.writer.read { $0.totalChangesCount }
        #expect(summary.written == 0)
        #expect(summary.unchanged == 8)
        #expect(changesAfter - changesBefore == 1, "only the catalog_source row is written")
        #expect(try database.product(id: "amazon-us") == before)
    }

    @Test func refreshRewritesOnlyChangedProducts() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        api.update { $0.products[0].packages[0].price = 17_000 }
        let summary = try await refresh(database, from: api)
        #expect(summary.changed == 1)
        #expect(summary.unchanged == 7)
        let amazon = try #require(try database.product(id: "amazon-us"))
        #expect(amazon.denominations.packages.first?.price == 17_000)
        #expect(amazon.updated > amazon.firstSeen)
    }

    @Test func vanishedProductsAreMarkedGoneNotDeleted() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        api.update { $0.products.removeAll { $0.id == "zalando-de" } }
        let summary = try await refresh(database, from: api)
        #expect(summary.markedGone == 1)
        let zalando = try #require(try database.product(id: "zalando-de"))
        #expect(zalando.gone != nil)
        #expect(try database.products(CatalogQuery(limit: nil)).items.map(\.id).contains("zalando-de") == false)
        #expect(try database.products(CatalogQuery(text: "zalando")).totalCount == 0)
        #expect(try database.liveProductCount() == 7)
    }

    @Test func aProductThatComesBackIsLiveAgain() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        let removed = api.state.withLock { $0.products.removeFirst() }
        try await refresh(database, from: api)
        api.update { $0.products.append(removed) }
        let summary = try await refresh(database, from: api)
        #expect(summary.changed == 1)
        #expect(try database.product(id: "amazon-us")?.gone == nil)
        #expect(try database.products(CatalogQuery(text: "amazon")).items.map(\.id) == ["amazon-us"])
    }

    @Test func serverErrorsMidwayKeepThePreviousCache() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        let before = try snapshot(database)
        api.update {
            $0.products[0].name = "Amazon Changed"
            $0.products.removeLast()
            $0.faults = [.status(503, fromStart: 4)]
        }
        let error = await #expect(throws: RefreshError.self) { try await refresh(database, from: api) }
        #expect(error?.kind == .api(.serverError))
        #expect(error?.message.contains("previous catalog is kept") == true)
        #expect(try snapshot(database) == before)
    }

    @Test func garbageMidwayKeepsThePreviousCache() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        let before = try snapshot(database)
        api.update {
            $0.products[0].name = "Amazon Changed"
            $0.faults = [.garbage(atStart: 2)]
        }
        let error = await #expect(throws: RefreshError.self) { try await refresh(database, from: api) }
        #expect(error?.kind == .api(.malformedResponse))
        #expect(try snapshot(database) == before)
    }

    @Test func cancelledRefreshKeepsThePreviousCache() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        let before = try snapshot(database)
        api.update { $0.products[0].name = "Amazon Changed" }
        let relay = ClientEventRelay()
        let refresher = CatalogRefresher(database: database, client: api.client(relay: relay), events: relay)
        let task = Task {
            try await refresher.refresh { progress in
                if progress.pagesRead == 2 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        let result = await task.result
        #expect(throws: RefreshError.self) { try result.get() }
        #expect(try snapshot(database) == before)
        #expect(try database.metadata()?.isComplete == true)
    }

    @Test func interruptedFirstFillKeepsThePagesReadAndStaysIncomplete() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        api.update { $0.faults = [.status(500, fromStart: 4)] }
        let error = await #expect(throws: RefreshError.self) { try await refresh(database, from: api) }
        #expect(error?.message.contains("can be browsed") == true)
        // The eSIM plan and the first two pages of products arrived before the failure.
        #expect(try database.liveProductCount() == 5)
        #expect(try database.metadata()?.isComplete == false)

        api.update { $0.faults = [] }
        let summary = try await refresh(database, from: api)
        #expect(summary.added == 3)
        #expect(summary.unchanged == 5)
        #expect(try database.metadata()?.isComplete == true)
    }

    @Test func aRateLimitIsWaitedOutNotAFailure() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        api.update { $0.faults = [.rateLimited(atStart: 2, times: 2, seconds: 30)] }
        let progress = ProgressLog()
        let summary = try await refresh(database, from: api, onProgress: progress.append)
        #expect(summary.productsListed == 8)
        let waits = progress.all.filter { if case .waitingForRateLimit = $0.phase { true } else { false } }
        #expect(waits.count == 2)
    }

    @Test func refreshResumesWhereItStoppedWhenTheClientGivesUpWaiting() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        api.update { $0.faults = [.rateLimited(atStart: 4, times: 1, seconds: 42)] }
        let slept = SleepLog()
        let summary = try await refresh(database, from: api, maxRateLimitWaits: 0, slept: slept)
        #expect(summary.productsListed == 8)
        #expect(slept.all.count == 1)
        #expect(slept.all[0] >= .seconds(41))
        let productPages = api.requests.filter { $0.hasPrefix("/v2/products?") }
        #expect(productPages == ["/v2/products?start=0", "/v2/products?start=2", "/v2/products?start=4",
                                 "/v2/products?start=4", "/v2/products?start=6"])
    }

    @Test func aSpentBudgetIsWaitedForBeforeTheNextPage() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        api.update { $0.faults = [.budgetSpent(seconds: 20)] }
        let slept = SleepLog()
        try await refresh(database, from: api, slept: slept)
        // Four pages of products: a wait before each of the three that follow a page reporting no budget.
        #expect(slept.all.count == 3)
        #expect(api.requests.filter { $0.hasPrefix("/v2/products?") }.count == 4)
    }

    @Test func unreadableProductsStopVanishedOnesFromBeingMarkedGone() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        api.update {
            $0.products.removeAll { $0.id == "edf-fr" }
            $0.faults = [.unreadable(index: 0)]
        }
        let summary = try await refresh(database, from: api)
        #expect(summary.unreadable == 1)
        #expect(summary.markedGone == 0)
        #expect(try database.product(id: "edf-fr")?.gone == nil)
    }

    @Test func anEmptyListingIsTakenAsAFault() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        try await refresh(database, from: api)
        api.update {
            $0.products = []
            $0.esims = []
        }
        let error = await #expect(throws: RefreshError.self) { try await refresh(database, from: api) }
        #expect(error?.kind == .emptyListing)
        #expect(try database.liveProductCount() == 8)
    }

    @Test func aCatalogFromAnotherAPIIsReplacedNotReused() async throws {
        let database = try CatalogDatabase.inMemory()
        try await refresh(database, from: SampleCatalog.api())
        let other = FakeCatalogAPI(products: [FakeProduct(id: "other-1", name: "Other One")])
        let relay = ClientEventRelay()
        let otherSource = CatalogSource(apiURL: "https://other.example.test/v2", account: "abc")
        let summary = try await CatalogRefresher(database: database, client: other.client(relay: relay), source: otherSource,
                                                 events: relay).refresh()
        #expect(summary.added == 1)
        #expect(try database.metadata()?.source == otherSource)
        #expect(try database.product(id: "amazon-us") == nil)
        #expect(try database.products(CatalogQuery(limit: nil)).items.map(\.id) == ["other-1"])
    }

    @Test func progressReportsPagesProductsAndTheEnd() async throws {
        let database = try CatalogDatabase.inMemory()
        let run = CatalogRefresher(database: database, client: SampleCatalog.api().client()).start()
        var snapshots: [RefreshProgress] = []
        for await progress in run.progress { snapshots.append(progress) }
        let summary = try await run.result().get()
        #expect(snapshots.first?.phase == .starting)
        #expect(snapshots.contains { $0.phase == .reading(.esimPlans) })
        #expect(snapshots.contains { $0.phase == .reading(.products) && $0.pagesRead == 5 && $0.productsRead == 8 })
        #expect(snapshots.last?.phase == .finished(summary))
        #expect(summary.pages == 5)
    }

    @Test func eSIMPlansAreClassifiedFromTheirListingAndKeepTheirCoverage() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = SampleCatalog.api()
        // The plan is also in the product listing, without coverage or type.
        api.update {
            var plan = $0.esims[0]
            plan.coverage = []
            $0.products.append(plan)
        }
        try await refresh(database, from: api)
        let plan = try #require(try database.product(id: "esim-europe"))
        #expect(plan.summary.type == .esim)
        #expect(plan.typeBasis == .esimListing)
        #expect(plan.coverage == ["DE", "ES", "FR"])
    }

    @Test func theDocumentedDialectFillsTheSameCatalog() async throws {
        let database = try CatalogDatabase.inMemory()
        let api = FakeCatalogAPI(products: [
            FakeProduct(id: "amazon-us", name: "Amazon", type: "gift_card"),
            FakeProduct(id: "claro-br", name: "Claro", type: "phone_refill", country: "BR"),
        ], docs: true)
        try await refresh(database, from: api)
        #expect(try database.metadata()?.dialect == .docs)
        let claro = try #require(try database.product(id: "claro-br"))
        #expect(claro.summary.type == .phoneRefill)
        #expect(claro.typeBasis == .declared)
        #expect(claro.summary.countryName == "Brazil")
        #expect(claro.denominations.packages.map(\.id) == ["claro-br<&>10"])
    }

    /// Everything a reader can see, to compare before and after a refresh that must not change anything.
    private func snapshot(_ database: CatalogDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.id || '|' || p.name || '|' || p.content_hash || '|' || coalesce(p.gone, '') || '|' || p.updated
                FROM product p ORDER BY p.id
                """)
                + String.fetchAll(db, sql: "SELECT last_completed || '|' || product_count FROM catalog_source")
                + String.fetchAll(db, sql: "SELECT rowid || name FROM product_search ORDER BY rowid")
        }
    }
}
