import Foundation
import StorefrontDomain
import Testing

/// `storefront history --csv` as an accountant sums it: the amount column adds up to what was spent.
@Suite struct HistoryCSVTests {
    /// The rows of `HistoryCSV.text` as dictionaries by header.
    static func rows(_ purchases: [Purchase]) -> [[String: String]] {
        let lines = HistoryCSV.text(purchases).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ",")
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.components(separatedBy: ","))) }
    }

    static func sum(_ rows: [[String: String]], _ column: String) -> Decimal {
        rows.reduce(Decimal(0)) { $0 + (Decimal(string: $1[column] ?? "") ?? 0) }
    }

    static func purchase(total: Int64, orders: [PurchaseOrder], quantity: Int) -> Purchase {
        Purchase(id: "p-1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "sandbox", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card Code", faceValue: "10 USD",
                                      denomination: .value("10"), quantity: quantity, unitPrice: 33_334)],
                 paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-1", invoiceStatus: .allDelivered,
                 paymentStatus: .paid, payment: PaymentDue(amount: Money(minorUnits: total, currency: .btc)), orders: orders)
    }

    static func order(_ id: String, _ status: OrderStatus, refund: Int64? = nil) -> PurchaseOrder {
        PurchaseOrder(id: id, productId: "test-gift-card-code", productName: "Test Gift Card Code", value: "10", status: status,
                      refund: refund.map { Money(minorUnits: $0, currency: .btc) })
    }

    @Test func eachOrderHasItsOwnAmountAndTheColumnSumsToWhatWasSpent() {
        let three = Self.purchase(total: 100_002, orders: [Self.order("o-1", .delivered), Self.order("o-2", .delivered), Self.order("o-3", .delivered)],
                                  quantity: 3)
        let rows = Self.rows([three])
        #expect(rows.count == 3)
        #expect(rows.map { $0["amount"] } == ["0.00033334", "0.00033334", "0.00033334"])
        #expect(Self.sum(rows, "amount") == Decimal(string: "0.00100002"))
    }

    @Test func aRefundedOrderCountsAsNotSpent() {
        var purchase = Self.purchase(total: 66_668, orders: [Self.order("o-1", .delivered), Self.order("o-2", .refunded, refund: 33_334)],
                                     quantity: 2)
        purchase.invoiceStatus = .partiallyDelivered
        let rows = Self.rows([purchase])
        #expect(HistoryCSV.header.contains("refund"))
        #expect(rows.map { $0["refund"] } == ["", "0.00033334"])
        #expect(Self.sum(rows, "amount") == Decimal(string: "0.00033334"), "only the delivered order was spent")
        #expect(Self.sum(rows, "amount") + Self.sum(rows, "refund") == Decimal(string: "0.00066668"), "what was paid")
    }

    @Test func anInvoiceNeverPaidSpentNothing() {
        var expired = Self.purchase(total: 33_334, orders: [Self.order("o-1", .created)], quantity: 1)
        expired.paymentMethod = .bitcoin
        expired.invoiceStatus = .expired
        expired.paymentStatus = .expired
        #expect(Self.sum(Self.rows([expired]), "amount") == 0)
    }
}
