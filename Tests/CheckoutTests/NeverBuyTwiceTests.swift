import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// A `buy` killed after its purchase settled, then run again by a script, must not buy a second time; the
/// answers a refund and a delivery bring must read in their real unit.
@Suite struct NeverBuyTwiceTests {
    static let delivered = #"""
    {"id":"inv-1","created_time":"2026-12-05T10:00:00.000Z","status":"all_delivered",
     "payment":{"method":"balance","currency":"BTC","price":16664,"status":"payment_confirmed"},
     "orders":[{"id":"ord-1","status":"delivered","product":{"id":"test-gift-card-code","name":"Test","value":"10","currency":"USD"},
                "redemption_info":{"code":"GIFT-1111-2222"}}]}
    """#

    static func engine(_ stub: StubTransport) throws -> PurchaseEngine {
        let clock = RecordingClock()
        return PurchaseEngine(client: stubbedClient(stub, clock: clock), journal: try UserDatabase.inMemory(), source: "api",
                              now: { clock.now })
    }

    static let request = CheckoutRequest(lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 USD",
                                                              denomination: .value("10"), quantity: 1)])

    static func creates(_ stub: StubTransport) async -> Int {
        await stub.requests.filter { $0.method == "POST" }.count
    }

    @Test func runningASettledPurchaseAgainIsRefusedNamingItsInvoiceAndSendsNothing() async throws {
        let stub = StubTransport([Stub.data(Self.delivered)], fallback: Stub.data(Self.delivered))
        let engine = try Self.engine(stub)
        let first = try await engine.place(Self.request)
        _ = try await engine.follow(first.id)
        let error = await #expect(throws: CheckoutError.self) { try await engine.place(Self.request) }
        #expect(error?.refusal != nil)
        #expect(error?.message.contains("inv-1") == true)
        #expect(await Self.creates(stub) == 1, "the second run sent no create")
    }

    @Test func theSameIdempotencyKeyReturnsTheSamePurchaseWhateverItsStage() async throws {
        let stub = StubTransport([Stub.data(Self.delivered)], fallback: Stub.data(Self.delivered))
        let engine = try Self.engine(stub)
        var keyed = Self.request
        keyed.idempotencyKey = "order-42"
        let first = try await engine.place(keyed)
        let settled = try await engine.follow(first.id)
        #expect(settled.stage == .settled)
        let again = try await engine.place(keyed)
        #expect(again.id == first.id)
        #expect(again.invoiceId == "inv-1")
        #expect(again.orders.first?.redemption?.code == "GIFT-1111-2222")
        #expect(await Self.creates(stub) == 1)

        var other = keyed
        other.lines[0].quantity = 2
        let reused = await #expect(throws: CheckoutError.self) { try await engine.place(other) }
        #expect(reused?.message.contains("order-42") == true)
    }

    @Test func againBuysAnIdenticalPurchaseOnPurpose() async throws {
        let second = Self.delivered.replacingOccurrences(of: "inv-1", with: "inv-2").replacingOccurrences(of: "ord-1", with: "ord-2")
        let stub = StubTransport([Stub.data(Self.delivered), Stub.data(Self.delivered), Stub.data(second)], fallback: Stub.data(second))
        let engine = try Self.engine(stub)
        _ = try await engine.follow(try await engine.place(Self.request).id)
        var again = Self.request
        again.again = true
        let bought = try await engine.place(again)
        #expect(bought.invoiceId == "inv-2")
        #expect(await Self.creates(stub) == 2)
    }

    @Test func aRefundIsKeptInItsRealUnitNotReadAsWholeBitcoin() async throws {
        let failed = #"""
        {"id":"inv-9","status":"all_delivered","payment":{"method":"balance","currency":"BTC","price":16667,"status":"payment_confirmed"},
         "orders":[{"id":"ord-9","status":"refunded","product":{"id":"test-gift-card-code-fail","name":"Fail","value":"10","currency":"USD"},
                    "refund":{"amount":16667,"currency":"BTC"}}]}
        """#
        let stub = StubTransport([], fallback: Stub.data(failed))
        let engine = try Self.engine(stub)
        let purchase = try await engine.follow(try await engine.place(Self.request).id)
        let refund = try #require(purchase.orders.first?.refund)
        #expect(refund == Money(minorUnits: 16667, currency: .btc))
        #expect(refund.formatted == "0.00016667 BTC")
        #expect(purchase.payment?.amount == refund, "the refund equals what was charged")
    }

    @Test func aRefundWrittenByAnOlderVersionStillReadsInSats() throws {
        let old = #"{"id":"ord-1","status":"refunded","refund":"16667 BTC"}"#
        let order = try JSONDecoder().decode(PurchaseOrder.self, from: Data(old.utf8))
        #expect(order.refund?.formatted == "0.00016667 BTC")
    }
}
