import Foundation
import Testing
@testable import SandboxServer

@Suite struct RateLimitTests {
    @Test func everyAnswerCarriesBothHeaderFamiliesByDefault() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.rateLimits = .real }) { sandbox in
            let reply = try await sandbox.get("/products?limit=5")
            #expect(reply.headers.first(name: "X-RateLimit-Limit") == "60")
            #expect(reply.headers.first(name: "X-RateLimit-Remaining") == "59")
            #expect(reply.headers.first(name: "ratelimit-limit") == "60")
            #expect(reply.headers.first(name: "ratelimit-reset") == "60")
        }
    }

    @Test func exceedingALimitAnswers429WithOnlyTheXRateLimitFamily() async throws {
        let configuration = TestSandbox.configuration { $0.rateLimits = SandboxRateLimits.real.sendingOnly(.xRateLimit) }
        try await TestSandbox.with(configuration) { sandbox in
            #expect(try await sandbox.get("/ping").status == 200)
            let limited = try await sandbox.get("/ping")
            #expect(limited.status == 429)
            #expect(limited.errorCode == "rate_limit_exceeded")
            #expect(limited.headers.first(name: "X-RateLimit-Limit") == "1")
            #expect(limited.headers.first(name: "X-RateLimit-Remaining") == "0")
            let reset = try #require(limited.headers.first(name: "X-RateLimit-Reset").flatMap(TimeInterval.init))
            #expect(abs(reset - sandbox.control.now().timeIntervalSince1970) <= 4)
            #expect(limited.headers.first(name: "ratelimit-reset") == nil)

            await sandbox.control.advanceClock(by: .seconds(3))
            #expect(try await sandbox.get("/ping").status == 200)
        }
    }

    @Test func exceedingALimitAnswers429WithOnlyTheRateLimitFamily() async throws {
        let configuration = TestSandbox.configuration { $0.rateLimits = SandboxRateLimits.real.sendingOnly(.rateLimit) }
        try await TestSandbox.with(configuration) { sandbox in
            for _ in 0..<60 {
                #expect(try await sandbox.get("/orders").status == 200)
            }
            let limited = try await sandbox.get("/orders")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "ratelimit-limit") == "60")
            #expect(limited.headers.first(name: "ratelimit-remaining") == "0")
            let reset = try #require(limited.headers.first(name: "ratelimit-reset").flatMap(Int.init))
            #expect((590...600).contains(reset))
            #expect(limited.headers.first(name: "X-RateLimit-Reset") == nil)
            // Other endpoints have their own window.
            #expect(try await sandbox.get("/invoices").status == 200)
        }
    }

    @Test func relaxedLimitsAreTenTimesTheRealOnes() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.rateLimits = .relaxed }) { sandbox in
            let reply = try await sandbox.get("/products/test-esim")
            #expect(reply.headers.first(name: "X-RateLimit-Limit") == "600")
        }
    }

    @Test func limitsOffSendNoHeaders() async throws {
        try await TestSandbox.with { sandbox async throws in
            #expect(try await sandbox.get("/ping").headers.first(name: "X-RateLimit-Limit") == nil)
            #expect(try await sandbox.get("/ping").status == 200)
        }
    }
}
