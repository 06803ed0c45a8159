import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Testing

/// A proxy's HTML page, a cut-off or an empty body says nothing about the API: a GET is asked again, as after a 5xx,
/// and when that runs out the error is transient so a follow waits it out. A POST is still never sent twice.
@Suite struct UnreadableBodyTests {
    let html = Stub.json("<html><body><h1>502 Bad Gateway</h1></body></html>")
    let truncated = Stub.json(#"{"meta":{"_endpoint":"/invoices/inv-1"},"data":{"id":"inv-1","status":"#)
    let empty = Stub.json("")
    let invoice = Stub.data(#"{"id":"inv-1","status":"unpaid","payment":{"method":"balance","currency":"EUR","price":1000}}"#)

    @Test func invoiceIsReadAfterAnHTMLPageAndATruncatedBody() async throws {
        let stub = StubTransport([html, truncated, invoice])
        let clock = RecordingClock()
        let events = EventLog()
        let fetched = try await stubbedClient(stub, clock: clock, events: events).send(Endpoints.invoice(id: "inv-1"))
        #expect(fetched.id == "inv-1")
        #expect(fetched.status == .unpaid)
        #expect(await stub.requestCount == 3)
        #expect(clock.sleeps == [.milliseconds(250), .milliseconds(500)], "the same backoff as a 5xx")
    }

    @Test func anEmptyBodyIsAskedAgainToo() async throws {
        let stub = StubTransport([empty, invoice])
        _ = try await stubbedClient(stub).send(Endpoints.invoice(id: "inv-1"))
        #expect(await stub.requestCount == 2)
    }

    @Test func unreadableBodiesThatLastAreATransientError() async throws {
        let stub = StubTransport(fallback: html)
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.invoice(id: "inv-1")) }
        #expect(await stub.requestCount == 5, "the first try and the four retries of the budget")
        #expect(error?.kind == .malformedResponse)
        #expect(error?.unreadableBody == true)
        #expect(error?.isTransient == true)
        #expect(error?.message.contains("not valid JSON") == true)
    }

    @Test func jsonOfAnUnexpectedShapeIsNotRetriedNorTransient() async throws {
        let stub = StubTransport([Stub.data(#"{"status":"unpaid"}"#), invoice])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.invoice(id: "inv-1")) }
        #expect(await stub.requestCount == 1)
        #expect(error?.isTransient == false)
    }

    @Test func aServerErrorPageOfAnyFiveHundredIsRetried() async throws {
        let stub = StubTransport([Stub.json("<html>origin unreachable</html>", status: 523), invoice])
        _ = try await stubbedClient(stub).send(Endpoints.invoice(id: "inv-1"))
        #expect(await stub.requestCount == 2)
    }

    @Test func aCreateAnsweredWithHTMLIsNotSentAgainAndMayHaveWorked() async throws {
        let request = InvoiceRequest(products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(10))])
        let stub = StubTransport([html, invoice])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(await stub.requestCount == 1)
        #expect(error?.outcome == .unknown)
    }

    @Test func aPayAnsweredWithATruncatedBodyIsNotSentAgain() async throws {
        let stub = StubTransport([truncated, invoice])
        await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.payInvoice(id: "inv-1")) }
        #expect(await stub.requestCount == 1)
    }

    @Test func tenThousandNestedArraysAreAnErrorNotACrash() async throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let stub = StubTransport(fallback: Stub.json(#"{"meta":{},"data":\#(deep)}"#))
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).pages(Endpoints.invoices()).collectItems() }
        #expect(error?.kind == .malformedResponse)
        let errorBody = StubTransport(fallback: Stub.json(#"{"message":\#(deep)}"#, status: 400))
        let refused = await #expect(throws: APIError.self) { try await stubbedClient(errorBody).send(Endpoints.invoice(id: "inv-1")) }
        #expect(refused?.status == 400)
    }
}
