import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// A follow outlasts a proxy that answers the invoice with HTML pages and cut-off bodies for longer than the
/// client's own retries: the purchase is looked at again, not ended with "not valid JSON".
@Suite struct TransientFollowTests {
    static let created = #"{"id":"inv-1","status":"not_delivered","payment":{"method":"balance","status":"payment_confirmed","currency":"EUR","price":1000},"orders":[{"id":"o-1","status":"processing"}]}"#
    static let delivered = #"{"id":"inv-1","status":"all_delivered","payment":{"method":"balance","status":"payment_confirmed","currency":"EUR","price":1000},"orders":[{"id":"o-1","status":"delivered"}]}"#
    static let order = #"{"id":"o-1","status":"delivered","product":{"id":"test-gift-card-code","name":"Test","value":"10","currency":"EUR"},"redemption_info":{"code":"GIFT-1111"}}"#

    static let request = CheckoutRequest(lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 EUR",
                                                              denomination: .value("10"), quantity: 1)])

    @Test func followWaitsOutUnreadableInvoiceBodies() async throws {
        let api = ScriptedAPI([
            "POST /invoices": { _, _ in ScriptedAPI.data(Self.created) },
            // Six unreadable answers: more than the client's five tries of one refresh.
            "GET /invoices/inv-1": { _, count in
                switch count {
                case 1...3: ScriptedAPI.json("<html><h1>502 Bad Gateway</h1></html>")
                case 4...6: ScriptedAPI.json(#"{"meta":{},"data":{"id":"inv-1","sta"#)
                default: ScriptedAPI.data(Self.delivered)
                }
            },
            "GET /orders/o-1": { _, _ in ScriptedAPI.data(Self.order) },
        ])
        let clock = RecordingClock()
        let client = BitrefillClient(configuration: ClientConfiguration(
            baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: "k"),
            sleep: { clock.sleep($0) }, now: { clock.now }, random: { 0.5 }), transport: api.transport)
        // The follow's waits go to the same recording clock as the client's: nothing waits for real.
        let engine = PurchaseEngine(client: client, journal: try UserDatabase.inMemory(), source: "stub", now: { clock.now },
                                    sleep: { clock.sleep(.milliseconds(Int64($0 * 1000))) })
        let placed = try await engine.place(Self.request)
        let settled = try await engine.follow(placed.id)
        #expect(settled.stage == .settled)
        #expect(settled.orders.first?.redemption?.code == "GIFT-1111")
        #expect(api.count("GET /invoices/inv-1") == 7)
        #expect(clock.sleeps.count >= 6, "each look after a failure waited, on the injected clock")
    }
}
