import AsyncHTTPClient
import Foundation
import Testing
@testable import SandboxServer

@Suite struct FaultTests {
    @Test func scriptedServerErrorsHitOnlyTheNextMatchingRequests() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.inject(ScriptedFault(.serverError(status: 503), pathPrefix: "/products", count: 2))
            #expect(try await sandbox.get("/ping").status == 200)
            let first = try await sandbox.get("/products")
            #expect(first.status == 503)
            #expect(first.object.keys.sorted() == ["error"])
            #expect(try await sandbox.get("/products/test-esim").status == 503)
            #expect(try await sandbox.get("/products").status == 200)
            #expect(await sandbox.control.pendingFaults().isEmpty)
        }
    }

    @Test func droppedConnectionAfterHandlingStillCreatesTheInvoice() async throws {
        try await TestSandbox.with { sandbox async throws in
            await sandbox.control.inject(ScriptedFault(.dropConnection, pathPrefix: "/invoices", method: "POST", timing: .afterHandling))
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.post("/invoices", PurchaseFlowTests.giftCard)
            }
            #expect(await sandbox.control.invoiceCount() == 1)
            #expect(try await sandbox.get("/invoices").list.count == 1)
        }
    }

    @Test func droppedConnectionBeforeHandlingChangesNothing() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.inject(ScriptedFault(.dropConnection, pathPrefix: "/invoices", method: "POST"))
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.post("/invoices", PurchaseFlowTests.giftCard)
            }
            #expect(await sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func malformedBodiesAreNotJSON() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.inject(ScriptedFault(.malformedBody(html: false), pathPrefix: "/accounts"))
            await sandbox.control.inject(ScriptedFault(.malformedBody(html: true), pathPrefix: "/accounts"))
            let truncated = try await sandbox.get("/accounts/balance")
            #expect(truncated.status == 200)
            #expect((try? JSONSerialization.jsonObject(with: Data(truncated.body))) == nil)
            let html = try await sandbox.get("/accounts/balance")
            #expect(html.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
            #expect(html.text.contains("<html>"))
        }
    }

    @Test func scriptedRateLimitAnnouncesTheChosenFamilyAndReset() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.inject(ScriptedFault(.rateLimited(headers: [.rateLimit], reset: .seconds(42)), pathPrefix: "/ping"))
            let reply = try await sandbox.get("/ping")
            #expect(reply.status == 429)
            #expect(reply.headers.first(name: "ratelimit-reset") == "42")
            #expect(reply.headers.first(name: "X-RateLimit-Reset") == nil)
        }
    }

    @Test func scriptedDelayAndForbiddenApply() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.inject(ScriptedFault(.delay(.milliseconds(300)), pathPrefix: "/ping"))
            let started = ContinuousClock.now
            #expect(try await sandbox.get("/ping").status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            await sandbox.control.inject(ScriptedFault(.forbidden, pathPrefix: "/accounts/balance"))
            let forbidden = try await sandbox.get("/accounts/balance")
            #expect(forbidden.status == 403)
            #expect(forbidden.errorCode == "forbidden")
        }
    }

    @Test func randomFaultsRepeatForTheSameSeed() async throws {
        func statuses() async throws -> [Int] {
            try await TestSandbox.value(TestSandbox.configuration { $0.faults = SandboxFaults(serverErrorRate: 0.3, rateLimitRate: 0.2) }) { sandbox in
                var statuses: [Int] = []
                for _ in 0..<30 { statuses.append(try await sandbox.get("/ping").status) }
                return statuses
            }
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(first.contains(503) && first.contains(429) && first.contains(200))
    }

    @Test func randomEarlyDropsLeaveNoInvoiceBehind() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.faults = SandboxFaults(droppedBeforeHandlingRate: 1) }) { sandbox async throws in
            for _ in 0..<3 {
                await #expect(throws: (any Error).self) {
                    _ = try await sandbox.post("/invoices", PurchaseFlowTests.giftCard)
                }
            }
            #expect(await sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func randomRateLimitsAnnounceTheConfiguredReset() async throws {
        let faults = SandboxFaults(rateLimitRate: 1, rateLimitReset: .seconds(2))
        try await TestSandbox.with(TestSandbox.configuration { $0.faults = faults }) { sandbox in
            let limited = try await sandbox.get("/ping")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "ratelimit-reset") == "2")
        }
    }
}
