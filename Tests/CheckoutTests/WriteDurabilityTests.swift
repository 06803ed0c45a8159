import BitrefillAPI
@testable import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// A team database may commit a write without waiting for its disk only when losing it in a crash costs nothing:
/// the write that a create or a payment follows must be on disk before that request leaves; what the server
/// answered (the invoice, its statuses, the codes) is got back by the next look.
@Suite struct WriteDurabilityTests {
    static let unpaid = #"""
    {"id":"inv-1","created_time":"2026-12-05T10:00:00.000Z","status":"unpaid",
     "payment":{"method":"balance","currency":"BTC","price":16664,"status":"unpaid"},
     "orders":[{"id":"ord-1","status":"created","product":{"id":"test-gift-card-code","name":"Test","value":"10","currency":"USD"}}]}
    """#

    @Test func onlyTheWritesBeforeTheCreateAndThePaymentWaitForTheDisk() async throws {
        let journal = DurabilityLog(try UserDatabase.inMemory())
        let stub = StubTransport([Stub.data(Self.unpaid), Stub.data(Self.unpaid)], fallback: Stub.data(NeverBuyTwiceTests.delivered))
        let clock = RecordingClock()
        let engine = PurchaseEngine(client: stubbedClient(stub, clock: clock), journal: journal, source: "api", now: { clock.now })
        var request = NeverBuyTwiceTests.request
        request.autoPay = false
        let placed = try await engine.place(request)
        _ = try await engine.pay(placed.id)
        let settled = try await engine.follow(placed.id)
        #expect(settled.orders.first?.redemption?.code == "GIFT-1111-2222")

        let writes = journal.writes
        #expect(writes.filter { $0.durability == .beforeSending }.map(\.step) == ["sending", "paying"],
                "\(writes)")
        let recoverable = writes.filter { $0.durability == .recoverable }.map(\.step)
        #expect(recoverable.contains("created") && recoverable.contains("settled"), "\(writes)")
    }

    /// The embedded journal syncs the write before a create to disk (`synchronous=FULL` for that transaction) and
    /// goes back to WAL's usual commits after it, so the writes that follow stay as fast as before.
    @Test func theEmbeddedJournalSyncsOnlyTheWriteBeforeSending() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let journal = try UserDatabase.open(at: directory.appendingPathComponent(UserDatabase.fileName))
        var purchase = Purchase(id: "p", createdAt: Date(), source: "api", kind: .invoice, lines: NeverBuyTwiceTests.request.lines,
                                paymentMethod: .balance, autoPay: true)
        let lease = try #require(try journal.recordIntent(purchase, requestHash: "h", takingCartLines: [], at: Date(), leasedTo: "me", for: 30))
        purchase.stage = .sending
        #expect(try journal.save(purchase, at: Date(), fencedBy: lease, durability: .beforeSending))
        #expect(try journal.purchase(id: "p")?.stage == .sending)
        let synchronous = try await journal.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(synchronous == 1, "back to NORMAL (1) after the synced write, not FULL (2)")
    }
}

/// Records each fenced write's stage (or "paying", for the write that asks for the payment) and durability.
final class DurabilityLog: ForwardingJournal, @unchecked Sendable {
    struct Write: Sendable, CustomStringConvertible {
        var step: String
        var durability: WriteDurability
        var description: String { "\(step): \(durability)" }
    }

    private let log = Mutex<[Write]>([])
    var writes: [Write] { log.withLock { $0 } }

    override func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
                       durability: WriteDurability) async throws(UserDatabaseError) -> Bool {
        let step = purchase.payRequestedAt != nil && purchase.stage == .created && purchase.invoiceStatus != .allDelivered
            ? "paying" : purchase.stage.rawValue
        log.withLock { $0.append(Write(step: step, durability: durability)) }
        return try await super.save(purchase, at: now, fencedBy: lease, durability: durability)
    }
}
