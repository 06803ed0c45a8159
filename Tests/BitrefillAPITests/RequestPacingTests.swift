import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Synchronization
import Testing

/// The client takes a turn from its pacer (the desk's shared budget in team mode) before every request it sends,
/// retries included, and says whether the call is background work such as a catalog walk.
@Suite struct RequestPacingTests {
    final class RecordingPacer: RequestPacer {
        let asked = Mutex<[PacedRequest]>([])
        let refusal: (any Error & Sendable)?

        init(refusing refusal: (any Error & Sendable)? = nil) { self.refusal = refusal }

        func waitForTurn(_ request: PacedRequest) async throws {
            asked.withLock { $0.append(request) }
            if let refusal { throw refusal }
        }
    }

    struct BudgetDown: Error {}

    func client(_ stub: StubTransport, pacer: RecordingPacer) -> BitrefillClient {
        var configuration = stubbedClient(stub).configuration
        configuration.pacer = pacer
        return BitrefillClient(configuration: configuration, transport: stub.transport)
    }

    @Test func everySendTakesATurnFirstRetriesIncluded() async throws {
        let stub = StubTransport([Stub.json("{}", status: 503), Stub.data(#"{"id":"amazon-us","name":"Amazon"}"#)])
        let pacer = RecordingPacer()
        _ = try await client(stub, pacer: pacer).send(Endpoints.product(id: "amazon-us"))
        let asked = pacer.asked.withLock { $0 }
        #expect(asked == [PacedRequest(method: .get, name: "GET /products/{id}", priority: .foreground),
                          PacedRequest(method: .get, name: "GET /products/{id}", priority: .foreground)])
    }

    @Test func aBackgroundClientSaysSoForEveryPage() async throws {
        let stub = StubTransport([Stub.data("[]", next: "https://api.example.test/v2/products?start=50"), Stub.data("[]")])
        let pacer = RecordingPacer()
        _ = try await client(stub, pacer: pacer).inBackground().pages(Endpoints.products()).collectItems()
        #expect(pacer.asked.withLock { $0 }.map(\.priority) == [.background, .background])
    }

    @Test func aRefusedTurnSendsNothing() async throws {
        let stub = StubTransport(fallback: Stub.data("[]"))
        let pacer = RecordingPacer(refusing: BudgetDown())
        await #expect(throws: BudgetDown.self) { try await client(stub, pacer: pacer).send(Endpoints.invoices()) }
        #expect(await stub.requestCount == 0)
    }
}
