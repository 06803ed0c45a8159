import Checkout
import Foundation
import StorefrontDomain
import Testing

/// When a purchase is over, row by row: a code is never left behind, a refund is waited for a little.
@Suite struct SettlementRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var orders: [PurchaseOrder]
        var invoiceSettled = true
        var paymentStatus: PaymentStatus?
        var finalSecondsAgo: TimeInterval = 0
        var settled: Bool
        var needsDetails: [String]
        var testDescription: String { name }
    }

    static let code = Redemption(code: "GIFT-1")
    static let refund = Money(minorUnits: 16667, currency: .btc)

    static let rows: [Row] = [
        Row(name: "an unsettled invoice is followed on", orders: [PurchaseOrder(id: "o1", status: .processing)],
            invoiceSettled: false, settled: false, needsDetails: []),
        Row(name: "a delivered code not yet saved is fetched before settling",
            orders: [PurchaseOrder(id: "o1", status: .delivered)], settled: false, needsDetails: ["o1"]),
        Row(name: "every code saved settles", orders: [PurchaseOrder(id: "o1", status: .delivered, redemption: code)],
            settled: true, needsDetails: []),
        Row(name: "a phone top-up delivers no code and settles without one",
            orders: [PurchaseOrder(id: "o1", status: .delivered, phoneNumber: "+15551234567")], settled: true, needsDetails: []),
        Row(name: "a failed order waits for its refund within the grace",
            orders: [PurchaseOrder(id: "o1", status: .failed)], finalSecondsAgo: 30, settled: false, needsDetails: ["o1"]),
        Row(name: "a failed order settles without its refund once the grace has passed",
            orders: [PurchaseOrder(id: "o1", status: .failed)], finalSecondsAgo: 91, settled: true, needsDetails: ["o1"]),
        Row(name: "a failed order with its refund settles at once",
            orders: [PurchaseOrder(id: "o1", status: .refunded, refund: refund)], settled: true, needsDetails: []),
        Row(name: "a denied payment settles without per-order refunds",
            orders: [PurchaseOrder(id: "o1", status: .failed)], paymentStatus: .denied, settled: true, needsDetails: ["o1"]),
        Row(name: "a missing code holds the settle even after the refund grace",
            orders: [PurchaseOrder(id: "o1", status: .delivered), PurchaseOrder(id: "o2", status: .failed)], finalSecondsAgo: 600,
            settled: false, needsDetails: ["o1", "o2"]),
    ]

    @Test(arguments: rows)
    func aPurchaseSettlesOnlyWithEveryCodeSavedAndRefundsKnownOrWaitedFor(row: Row) {
        var purchase = Purchase(id: "p", createdAt: Self.now, source: "api", kind: .invoice, lines: [], paymentMethod: .balance,
                                autoPay: true, stage: .created, invoiceId: "inv", paymentStatus: row.paymentStatus, orders: row.orders)
        purchase.ordersFinalAt = Self.now.addingTimeInterval(-row.finalSecondsAgo)
        #expect(SettlementRules.isSettled(purchase, invoiceSettled: row.invoiceSettled, now: Self.now) == row.settled)
        #expect(SettlementRules.ordersNeedingDetails(purchase) == row.needsDetails)
    }
}
