import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontDomain
import Testing

@Suite struct CatalogContractTests {
    @Test(arguments: SandboxDialect.allCases)
    func paginationWalksEveryPageOfTheCatalog(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            var pages = 0
            var ids: [String] = []
            for try await page in harness.client.pages(Endpoints.products()) {
                pages += 1
                ids += page.items.map(\.id)
                #expect(page.droppedCount == 0)
            }
            #expect(ids.count == 300)
            #expect(Set(ids).count == 300)
            #expect(pages == 6)
            #expect(!ids.contains("test-gift-card-code"))
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func everyProductDecodesWithAKnownTypeOrClassifiableFields(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let products = try await harness.client.pages(Endpoints.products(includeTestProducts: true)).collectItems()
            #expect(products.contains { $0.id == "test-gift-card-code" })
            for product in products {
                #expect(product.countryCode != nil || !product.coverage.isEmpty, "\(product.id)")
                #expect(!product.packages.isEmpty || product.range != nil, "\(product.id)")
                if dialect == .docs { #expect(product.type != nil, "\(product.id)") }
                if dialect == .observed { #expect(product.type == nil && product.recipientType != nil, "\(product.id)") }
            }
            let kinds = Set(products.compactMap(\.recipientType))
            if dialect == .observed { #expect(kinds.isSuperset(of: [.none, .phoneNumber, .account])) }
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func filteredPagesKeepTheirFilters(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect, configure: { $0.productCount = 2_000 }) { harness in
            let german = try await harness.client.pages(Endpoints.products(country: "DE")).collectItems()
            #expect(!german.isEmpty)
            #expect(german.allSatisfy { $0.countryCode == "DE" })
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func esimPlansListCoverageAndLabels(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let plans = try await harness.client.pages(Endpoints.esimPlans(includeTestProducts: true)).collectItems()
            #expect(plans.contains { $0.id == "test-esim" })
            #expect(plans.allSatisfy { !$0.coverage.isEmpty })
            let labels = plans.flatMap { $0.packages.map(\.value) }
            #expect(labels.contains { $0.contains("GB") })
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func searchAndSingleProductAgreeWithTheList(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let product = try await harness.client.send(Endpoints.product(id: "test-gift-card-code"))
            #expect(product.range?.min == 10 && product.range?.max == 100 && product.range?.step == 10)
            let found = try await harness.client.pages(Endpoints.searchProducts("Test Gift", includeTestProducts: true)).collectItems()
            #expect(found.contains { $0.id == "test-gift-card-code" })
            let missing = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.product(id: "no-such-product")) }
            #expect(missing?.kind == .notFound)
        }
    }

    @Test func sameSeedServesTheSameCatalog() async throws {
        let first = try await SandboxHarness.with(.observed) { try await $0.client.pages(Endpoints.products()).collectItems() }
        let second = try await SandboxHarness.with(.observed) { try await $0.client.pages(Endpoints.products()).collectItems() }
        #expect(first == second)
    }
}
