import BitrefillAPI
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

@Suite struct RetryAndRateLimitTests {
    let ok = Stub.data(#"{"balance":1,"currency":"BTC"}"#)
    let invoice = Stub.data(#"{"id":"inv-1","status":"unpaid"}"#)
    let request = InvoiceRequest(products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(10))])

    @Test func getRetriesTransientServerErrorsWithBackoff() async throws {
        let stub = StubTransport([Stub.json("{}", status: 503), Stub.json("{}", status: 502), ok])
        let clock = RecordingClock()
        let events = EventLog()
        let balance = try await stubbedClient(stub, clock: clock, events: events).send(Endpoints.balance())
        #expect(balance.amount.minorUnits == 1)
        #expect(await stub.requestCount == 3)
        // Full jitter with random = 0.5: half of 0.5 s, then half of 1 s.
        #expect(clock.sleeps == [.milliseconds(250), .milliseconds(500)])
        #expect(events.events.contains(.retrying(endpoint: "GET /accounts/balance", attempt: 2, delay: .milliseconds(500), reason: "HTTP 502")))
    }

    @Test func getGivesUpAfterTheRetryBudget() async throws {
        let stub = StubTransport(fallback: Stub.json(#"{"message":"upstream down"}"#, status: 500))
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.balance()) }
        #expect(await stub.requestCount == 5)
        #expect(error?.kind == .serverError)
        #expect(error?.status == 500)
        #expect(error?.message.contains("upstream down") == true)
    }

    @Test func getRetriesLostConnections() async throws {
        let stub = StubTransport([Stub.failure(.connectionLost), ok])
        _ = try await stubbedClient(stub).send(Endpoints.balance())
        #expect(await stub.requestCount == 2)
    }

    @Test func createInvoiceIsNeverRetriedAfterAServerError() async throws {
        let stub = StubTransport([Stub.json("{}", status: 503), invoice])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(await stub.requestCount == 1)
        #expect(error?.outcome == .unknown)
    }

    @Test func createInvoiceTimeoutIsAmbiguousAndSaysSo() async throws {
        let stub = StubTransport([Stub.failure(.timedOut), invoice])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(await stub.requestCount == 1)
        #expect(error?.outcome == .unknown)
        #expect(error?.kind == .transport(.timedOut))
        #expect(error?.message.contains("may have been carried out") == true)
    }

    @Test func payIsNotRetriedWhenTheConnectionDrops() async throws {
        let stub = StubTransport([Stub.failure(.connectionLost), invoice])
        await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.payInvoice(id: "inv-1")) }
        #expect(await stub.requestCount == 1)
    }

    @Test func esimCreationIsNotRetriedOnRateLimit() async throws {
        let stub = StubTransport([Stub.json(#"{"message":"slow down"}"#, status: 429, headers: ["ratelimit-reset": "5"]), invoice])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createESIMInvoice(request)) }
        #expect(await stub.requestCount == 1)
        #expect(error?.kind == .rateLimited)
        #expect(error?.outcome == .notExecuted)
        #expect(error?.message.contains("resets in 5 s") == true)
    }

    @Test func refusedConnectionOnCreateIsKnownNotExecuted() async throws {
        let stub = StubTransport([Stub.failure(.connectionFailed, sent: false)])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(error?.outcome == .notExecuted)
    }

    @Test func rateLimitWithUnixResetIsWaitedOut() async throws {
        let clock = RecordingClock()
        let reset = Int(clock.start.timeIntervalSince1970) + 42
        let stub = StubTransport([
            Stub.json(#"{"message":"Too many requests"}"#, status: 429,
                      headers: ["X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "\(reset)"]),
            ok,
        ])
        let events = EventLog()
        _ = try await stubbedClient(stub, clock: clock, events: events).send(Endpoints.balance())
        // 42 s plus the fixed jitter of 0.125 s.
        #expect(clock.sleeps == [.milliseconds(42_125)])
        #expect(events.events.contains(.waitingForRateLimit(endpoint: "GET /accounts/balance",
                                                            until: clock.start.addingTimeInterval(42), attempt: 1)))
    }

    @Test func rateLimitWithResetInSecondsIsWaitedOut() async throws {
        let clock = RecordingClock()
        let stub = StubTransport([
            Stub.json("{}", status: 429, headers: ["ratelimit-limit": "60", "ratelimit-remaining": "0", "ratelimit-reset": "7"]),
            ok,
        ])
        _ = try await stubbedClient(stub, clock: clock).send(Endpoints.balance())
        #expect(clock.sleeps == [.milliseconds(7_125)])
    }

    @Test func rateLimitTooFarAwayIsReturnedNotWaited() async throws {
        let clock = RecordingClock()
        let stub = StubTransport([Stub.json("{}", status: 429, headers: ["ratelimit-reset": "3600"])])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub, clock: clock).send(Endpoints.balance()) }
        #expect(clock.sleeps.isEmpty)
        #expect(error?.retryAt == clock.start.addingTimeInterval(3600))
    }

    @Test func everyResponseReportsTheRemainingBudget() async throws {
        let clock = RecordingClock()
        let events = EventLog()
        let stub = StubTransport([Stub.data(#"{"balance":1,"currency":"BTC"}"#, headers: ["ratelimit-limit": "60", "ratelimit-remaining": "59", "ratelimit-reset": "600"])])
        _ = try await stubbedClient(stub, clock: clock, events: events).send(Endpoints.balance())
        #expect(events.events == [.rateLimit(endpoint: "GET /accounts/balance",
                                             status: RateLimitStatus(limit: 60, remaining: 59, resetAt: clock.start.addingTimeInterval(600)))])
    }

    @Test func cancellationStopsAWait() async throws {
        let stub = StubTransport(fallback: Stub.json("{}", status: 429, headers: ["ratelimit-reset": "60"]))
        let configuration = ClientConfiguration(baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: "k"))
        let client = BitrefillClient(configuration: configuration, transport: stub.transport)
        let task = Task { try await client.send(Endpoints.balance()) }
        // Cancelled once the 429 is in (the wait has begun), however long the machine took to get there.
        let deadline = ContinuousClock.now + .seconds(120)
        while await stub.requestCount == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await stub.requestCount == 1)
    }
}
