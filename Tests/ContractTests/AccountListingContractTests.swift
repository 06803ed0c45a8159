import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// The account's invoices and orders as the API lists them, page by page, for invoices made outside Storefront.
@Suite struct AccountListingContractTests {
    @Test(arguments: SandboxDialect.allCases)
    func invoicesMadeOverPlainHTTPAreListedNewestFirstOverSeveralPages(dialect: SandboxDialect) async throws {
        try await AccountSandbox.with(dialect) { account in
            let ids = try await account.createInvoices(23)
            var pages: [Page<Invoice>] = []
            for try await page in account.client.pages(Endpoints.invoices(limit: 10)) { pages.append(page) }
            #expect(pages.map(\.items.count) == [10, 10, 3])
            #expect(pages.flatMap(\.items).map(\.id) == ids.reversed())
            #expect(pages.allSatisfy { $0.droppedCount == 0 })
            let first = try #require(pages.first?.items.first)
            #expect(first.payment?.method == .balance)
            #expect(first.orders.first?.product?.id == "test-gift-card-code")
            #expect(first.createdTime.flatMap(Timestamps.parse) != nil)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func ordersAreListedWithTheirInvoiceAndOpenedOneByOne(dialect: SandboxDialect) async throws {
        try await AccountSandbox.with(dialect) { account in
            let ids = try await account.createInvoices(12)
            let orders = try await account.client.pages(Endpoints.orders(limit: 5)).collectItems()
            #expect(orders.count == 12)
            #expect(orders.compactMap(\.invoiceId) == ids.reversed())
            let newest = try #require(orders.first)
            let opened = try await account.client.send(Endpoints.order(id: newest.id))
            #expect(opened.invoiceId == ids.last)
            #expect(opened.redemptionInfo?.code != nil)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func afterAndBeforeBoundBothListsAcrossPages(dialect: SandboxDialect) async throws {
        try await AccountSandbox.with(dialect) { account in
            let ids = try await account.createInvoices(15)
            // Invoice i was made at start + i minutes: after minute 3.5 and before minute 11.5 leaves 4...11.
            let after = Timestamps.iso8601(AccountSandbox.start.addingTimeInterval(3.5 * 60))
            let before = Timestamps.iso8601(AccountSandbox.start.addingTimeInterval(11.5 * 60))
            let invoices = try await account.client.pages(Endpoints.invoices(after: after, before: before, limit: 3)).collectItems()
            #expect(invoices.map(\.id) == Array(ids[4...11].reversed()))
            let orders = try await account.client.pages(Endpoints.orders(after: after, before: before, limit: 3)).collectItems()
            #expect(orders.compactMap(\.invoiceId) == Array(ids[4...11].reversed()))
        }
    }

    @Test(arguments: SandboxRateLimits.HeaderFamily.allCases)
    func a429InTheMiddleOfAListingIsWaitedOutAndTheListingResumes(family: SandboxRateLimits.HeaderFamily) async throws {
        try await AccountSandbox.with(.observed) { account in
            let ids = try await account.createInvoices(25)
            var iterator = account.client.pages(Endpoints.invoices(limit: 10)).makeAsyncIterator()
            var listed = try #require(try await iterator.next()).items
            await account.sandbox.control.inject(ScriptedFault(.rateLimited(headers: [family], reset: .seconds(40)), pathPrefix: "/invoices"))
            while let page = try await iterator.next() { listed += page.items }
            #expect(listed.map(\.id) == ids.reversed())
            #expect(account.rateLimitWaits == 1)
            #expect(account.clock.sleeps.count == 1)
        }
    }

    @Test func a429BeyondTheWaitLimitStopsTheListingWithAnErrorNotAShortList() async throws {
        try await AccountSandbox.with(.docs, maxRateLimitWait: .seconds(60)) { account in
            try await account.createInvoices(25)
            var iterator = account.client.pages(Endpoints.invoices(limit: 10)).makeAsyncIterator()
            _ = try await iterator.next()
            await account.sandbox.control.inject(ScriptedFault(.rateLimited(headers: [.xRateLimit], reset: .seconds(600)), pathPrefix: "/invoices"))
            let error = await #expect(throws: APIError.self) { _ = try await iterator.next() }
            #expect(error?.kind == .rateLimited)
            #expect(error?.retryAt != nil)
        }
    }

    /// The live limit on these endpoints: 60 requests per 10 minutes. The 61st page waits for the window to
    /// reset (the sandbox clock moves with the client's wait) and the listing carries on to the end.
    @Test func theSixtyFirstPageWaitsForTheTenMinuteWindow() async throws {
        try await AccountSandbox.with(.observed, rateLimits: .real) { account in
            var ids = try await account.createInvoices(40)
            await account.sandbox.control.advanceClock(by: .seconds(600))
            ids += try await account.createInvoices(30)
            let invoices = try await account.client.pages(Endpoints.invoices(limit: 1)).collectItems()
            #expect(invoices.map(\.id) == ids.reversed())
            #expect(account.rateLimitWaits == 1)
            let budgets = account.events.events.compactMap { event -> RateLimitStatus? in
                if case .rateLimit(let endpoint, let status) = event, endpoint == "GET /invoices" { status } else { nil }
            }
            #expect(budgets.first?.limit == 60)
            #expect(budgets.contains { $0.remaining == 0 })
        }
    }
}
