import BitrefillAPI
import Foundation
import SandboxServer
import Testing

@Suite struct RateLimitContractTests {
    @Test(arguments: SandboxRateLimits.HeaderFamily.allCases)
    func a429IsWaitedOutWithEitherHeaderFamily(family: SandboxRateLimits.HeaderFamily) async throws {
        // A manual clock: the reset the client computes cannot shrink while a busy machine delays the answer.
        try await SandboxHarness.with(.observed, configure: { $0.time = .manual(startingAt: Date()) }) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.rateLimited(headers: [family], reset: .seconds(30)), pathPrefix: "/accounts/balance"))
            let balance = try await harness.client.send(Endpoints.balance())
            #expect(balance.amount.minorUnits > 0)
            let waited = try #require(harness.clock.sleeps.first)
            #expect(waited >= .seconds(29) && waited <= .seconds(32), "\(waited)")
            #expect(harness.events.events.contains { if case .waitingForRateLimit = $0 { true } else { false } })
        }
    }

    @Test func realLimitsAnnounceTheBudgetAndRefuseWhenSpent() async throws {
        // The sandbox's clock stands still (it moves only when told), so the second ping falls inside the
        // first one's window however slow the machine is.
        try await SandboxHarness.with(.observed, configure: {
            $0.rateLimits = .real
            $0.time = .manual(startingAt: Date(timeIntervalSince1970: 1_795_000_000))
        }) { harness in
            _ = try await harness.client.send(Endpoints.ping())
            let budget = harness.events.events.compactMap { event -> RateLimitStatus? in
                if case .rateLimit(_, let status) = event { status } else { nil }
            }.first
            #expect(budget?.limit == 1)
            #expect(budget?.remaining == 0)
            // The client waits out the reset (recorded, not slept) and retries, but the sandbox clock has not
            // moved, so it ends with the 429 as an error.
            var refusal: APIError?
            do {
                _ = try await harness.client.send(Endpoints.ping())
            } catch let error as APIError {
                refusal = error
            }
            #expect(refusal?.kind == .rateLimited)
            #expect(refusal?.retryAt != nil)
        }
    }

    @Test func transientServerErrorsAreRetriedThrough() async throws {
        try await SandboxHarness.with(.docs) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.serverError(status: 503), pathPrefix: "/products", count: 2))
            let products = try await harness.client.pages(Endpoints.products()).collectItems()
            #expect(products.count == 300)
            #expect(harness.clock.sleeps.count == 2)
        }
    }

    @Test func malformedBodyIsAClearError() async throws {
        try await SandboxHarness.with(.observed) { harness in
            // On every try: a GET asks again after an unreadable body (the first try and four retries).
            await harness.sandbox.control.inject(ScriptedFault(.malformedBody(html: true), pathPrefix: "/accounts/balance", count: 5))
            let error = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.balance()) }
            #expect(error?.kind == .malformedResponse)
        }
    }
}
