import BitrefillAPI
import Checkout
import Foundation
import Logging
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// Two `buy`s with one idempotency key at the same moment, from two processes sharing a data directory (here two
/// engines on two connections to one journal file): the second must get the first one's purchase, never a
/// second create, nor a reconciliation that declares the first one's invoice absent while it is being created.
@Suite struct ConcurrentPlacementTests {
    /// Holds the create's answer until `release`, and says when the create has arrived.
    final class Gate: Sendable {
        private let arrived = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let hasArrived = Mutex(false)
        private let held = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let released = Mutex(false)

        func createArrived() async {
            await withCheckedContinuation { continuation in
                let now = hasArrived.withLock { already -> Bool in
                    if !already { arrived.withLock { $0 = continuation } }
                    return already
                }
                if now { continuation.resume() }
            }
        }

        func holdCreate() async {
            hasArrived.withLock { $0 = true }
            arrived.withLock { $0.take() }?.resume()
            await withCheckedContinuation { continuation in
                let go = released.withLock { done -> Bool in
                    if !done { held.withLock { $0 = continuation } }
                    return done
                }
                if go { continuation.resume() }
            }
        }

        func release() {
            released.withLock { $0 = true }
            held.withLock { $0.take() }?.resume()
        }
    }

    static let invoice = NeverBuyTwiceTests.delivered
    static var envelope: HTTPResponseData {
        HTTPResponseData(status: 200, headers: ["content-type": "application/json"],
                         body: Data(#"{"meta":{"_endpoint":"/test"},"data":\#(invoice)}"#.utf8))
    }

    @Test func theLoserOfTwoBuysWithOneKeyReturnsTheWinnersPurchase() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("storefront.sqlite")

        let gate = Gate()
        let creates = Mutex(0)
        let winnerTransport = HTTPTransport { request in
            if request.method == "POST" {
                creates.withLock { $0 += 1 }
                await gate.holdCreate()
            }
            return Self.envelope
        }
        let clock = RecordingClock()
        let configuration = ClientConfiguration(baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: "k"),
                                                sleep: { clock.sleep($0) }, now: { clock.now }, random: { 0.5 })
        let winner = PurchaseEngine(client: BitrefillClient(configuration: configuration, transport: winnerTransport),
                                    journal: try UserDatabase.open(at: file), source: "api", now: { clock.now })
        let loserStub = StubTransport([], fallback: Stub.data("[]"))
        let log = CapturedLog()
        let loser = PurchaseEngine(client: stubbedClient(loserStub, clock: clock), journal: try UserDatabase.open(at: file), source: "api",
                                   now: { clock.now }, logger: Logger(label: "test", factory: { _ in log.handler }))

        var request = NeverBuyTwiceTests.request
        request.idempotencyKey = "ticket-26"
        let first = Task { try await winner.place(request) }
        await gate.createArrived()
        let finished = Mutex(false)
        let second = Task {
            defer { finished.withLock { $0 = true } }
            return try await loser.place(request)
        }
        // The second waits for the first, or (before the fix) finishes on its own: either is an event to wait for.
        while !finished.withLock({ $0 }) && !log.text.contains("waiting for another") {
            try await Task.sleep(for: .milliseconds(5))
        }
        gate.release()

        let won = try await first.value
        let lost = try await second.value
        #expect(lost.id == won.id)
        #expect(lost.invoiceId == "inv-1", "the winner's invoice, not a purchase declared absent: \(lost.stage)")
        #expect(creates.withLock { $0 } == 1)
        #expect(await loserStub.requests.filter { $0.method == "POST" }.isEmpty)
        #expect(try UserDatabase.open(at: file).purchase(id: won.id)?.invoiceId == "inv-1")
    }
}
