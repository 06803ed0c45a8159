import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import Testing

/// After a create whose answer was lost, only an invoice made for this purchase is taken for it: made after the
/// intent (30 s of clock skew allowed) and no later than shortly after the create was last sent, with the same
/// lines (product, value and units). Anything else the account bought is not this purchase.
@Suite struct ReconciliationTests {
    static let now = PurchaseMachineTests.now

    /// A purchase of one 10 USD test card whose create was sent at `now` and whose answer was lost.
    static func lostCreate(faceValue: String = "10 USD", denomination: PurchaseLine.Denomination = .value("10")) -> Purchase {
        Purchase(id: "p", createdAt: now, source: "api", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card Code", faceValue: faceValue,
                                      denomination: denomination, quantity: 1)],
                 paymentMethod: .balance, autoPay: true, stage: .ambiguous,
                 timeline: [TimelineEntry(at: now, .written), TimelineEntry(at: now, .creating), TimelineEntry(at: now, .createAnswerLost("reset"))])
    }

    static func invoice(_ id: String, madeAt offset: TimeInterval, value: String? = "10") -> Invoice {
        Invoice(id: id, createdTime: Timestamps.iso8601(now.addingTimeInterval(offset)), status: .notDelivered,
                payment: InvoicePayment(method: .balance, currency: "BTC", price: 16667, status: .paymentConfirmed),
                orders: [Order(id: "o-\(id)", status: .processing, product: OrderProduct(id: "test-gift-card-code", value: value, currency: "USD"))])
    }

    static func reconcile(_ purchase: Purchase, among invoices: [Invoice]) -> Purchase {
        var machine = PurchaseMachine(purchase)
        _ = machine.handle(.resume, now: now.addingTimeInterval(5))
        _ = machine.handle(.listed(invoices, known: []), now: now.addingTimeInterval(5))
        return machine.purchase
    }

    @Test func aPurchaseNeverSentIsNotConfusedWithTheSameCardsBoughtMinutesBefore() {
        let earlier = (1...21).map { Self.invoice("earlier-\($0)", madeAt: -Double(30 + $0 * 12)) }
        let purchase = Self.reconcile(Self.lostCreate(), among: earlier)
        #expect(purchase.stage == .notCreated, "\(purchase.problem ?? "")")
        #expect(purchase.invoiceId == nil)
    }

    @Test func theInvoiceMadeJustAfterTheIntentIsAdopted() {
        let purchase = Self.reconcile(Self.lostCreate(), among: [Self.invoice("earlier", madeAt: -120), Self.invoice("ours", madeAt: 1)])
        #expect(purchase.stage == .created)
        #expect(purchase.invoiceId == "ours")
    }

    @Test func aServerClockUpTo30SecondsBehindStillFindsTheInvoice() {
        #expect(Self.reconcile(Self.lostCreate(), among: [Self.invoice("ours", madeAt: -29)]).invoiceId == "ours")
        #expect(Self.reconcile(Self.lostCreate(), among: [Self.invoice("older", madeAt: -31)]).stage == .notCreated)
    }

    @Test func anotherValueOfTheSameCardIsNotThisPurchase() {
        let purchase = Self.reconcile(Self.lostCreate(), among: [Self.invoice("fifty", madeAt: 1, value: "50")])
        #expect(purchase.stage == .notCreated)
        let package = Self.lostCreate(faceValue: "10 USD", denomination: .package(id: "test-gift-card-code<&>10"))
        #expect(Self.reconcile(package, among: [Self.invoice("ours", madeAt: 1, value: "10.0")]).invoiceId == "ours",
                "a value written another way is the same value")
        #expect(Self.reconcile(package, among: [Self.invoice("ours", madeAt: 1, value: nil)]).invoiceId == "ours",
                "an order that does not say its value is not ruled out")
    }

    @Test func anInvoiceMadeLongAfterTheCreateWasSentIsNotThisPurchase() {
        let purchase = Self.reconcile(Self.lostCreate(), among: [Self.invoice("next-day", madeAt: 86_400)])
        #expect(purchase.stage == .notCreated)
        #expect(Self.reconcile(Self.lostCreate(), among: [Self.invoice("slow", madeAt: 90)]).invoiceId == "slow",
                "a create the server finished after the client gave up (30 s) is still found")
    }
}
