import Foundation
import StorefrontDomain

/// The account's invoices and orders as `--json` prints them and as the text listing lays them out.
public enum AccountReport {
    public struct InvoiceRow: Encodable, Sendable {
        public var id: String
        public var createdAt: String?
        public var status: String?
        public var paymentStatus: String?
        public var paymentMethod: String?
        public var amount: String?
        public var currency: String?
        public var email: String?
        public var items: String
        public var madeHere: Bool
        public var purchaseId: String?
        public var operatorName: String?
        public var orders: [OrderRow]

        enum CodingKeys: String, CodingKey {
            case id, status, email, items, orders, amount, currency
            case createdAt = "created_at", paymentStatus = "payment_status", paymentMethod = "payment_method"
            case madeHere = "made_here", purchaseId = "purchase_id", operatorName = "operator"
        }

        public init(_ invoice: AccountInvoice) {
            id = invoice.id
            createdAt = invoice.createdAt.map(Timestamps.iso8601)
            status = invoice.status?.rawValue
            paymentStatus = invoice.paymentStatus?.rawValue
            paymentMethod = invoice.paymentMethod?.rawValue
            amount = invoice.amount?.decimalString
            currency = invoice.amount?.currency.code
            email = invoice.email
            items = invoice.items
            madeHere = invoice.madeHere != nil
            purchaseId = invoice.madeHere?.purchaseId
            operatorName = invoice.madeHere?.operatorName
            orders = invoice.orders.map(OrderRow.init)
        }
    }

    public struct OrderRow: Encodable, Sendable {
        public var id: String
        public var invoiceId: String?
        public var createdAt: String?
        public var status: String?
        public var productId: String?
        public var product: String?
        public var value: String?
        public var phoneNumber: String?
        public var iccid: String?
        public var madeHere: Bool
        public var purchaseId: String?
        public var operatorName: String?

        enum CodingKeys: String, CodingKey {
            case id, status, product, value, iccid
            case invoiceId = "invoice_id", createdAt = "created_at", productId = "product_id", phoneNumber = "phone_number"
            case madeHere = "made_here", purchaseId = "purchase_id", operatorName = "operator"
        }

        public init(_ order: AccountOrder) {
            id = order.id
            invoiceId = order.invoiceId
            createdAt = order.createdAt.map(Timestamps.iso8601)
            status = order.status?.rawValue
            productId = order.productId
            product = order.productName
            value = order.value
            phoneNumber = order.phoneNumber
            iccid = order.esimId
            madeHere = order.madeHere != nil
            purchaseId = order.madeHere?.purchaseId
            operatorName = order.madeHere?.operatorName
        }
    }

    /// "2026-12-05 17:54": minutes are enough to tell purchases apart on the phone.
    static func shortDate(_ date: Date?) -> String {
        guard let date else { return "" }
        return String(Timestamps.iso8601(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// The text listing of invoices, fitted to `width`.
    public static func invoiceTable(_ invoices: [AccountInvoice], width: Int) -> [String] {
        let columns = [
            TextTable.Column("DATE (UTC)", priority: 5), TextTable.Column("INVOICE", priority: 6),
            TextTable.Column("STATUS", priority: 4), TextTable.Column("METHOD", priority: 2),
            TextTable.Column("AMOUNT", alignment: .right, priority: 3),
            TextTable.Column("ITEMS", flexible: true, minimumWidth: 10, priority: 5),
            TextTable.Column("HERE", priority: 4),
        ]
        let rows = invoices.map { invoice in
            [shortDate(invoice.createdAt), invoice.id, invoice.statusWord, invoice.paymentMethod?.rawValue ?? "",
             invoice.amount?.formatted ?? "", invoice.items, here(invoice.madeHere)]
        }
        return lines(TextTable(columns: columns, rows: rows, width: width), rows)
    }

    /// The text listing of orders, fitted to `width`.
    public static func orderTable(_ orders: [AccountOrder], width: Int) -> [String] {
        let columns = [
            TextTable.Column("DATE (UTC)", priority: 5), TextTable.Column("ORDER", priority: 6),
            TextTable.Column("STATUS", priority: 4), TextTable.Column("PRODUCT", flexible: true, minimumWidth: 10, priority: 5),
            TextTable.Column("TO", flexible: true, minimumWidth: 8, priority: 2), TextTable.Column("INVOICE", priority: 3),
            TextTable.Column("HERE", priority: 4),
        ]
        let rows = orders.map { order in
            [shortDate(order.createdAt), order.id, order.status?.rawValue ?? "",
             [order.productName ?? order.productId, order.value].compactMap { $0 }.joined(separator: " "),
             order.phoneNumber ?? order.esimId ?? "", order.invoiceId ?? "", here(order.madeHere)]
        }
        return lines(TextTable(columns: columns, rows: rows, width: width), rows)
    }

    private static func lines(_ table: TextTable, _ rows: [[String]]) -> [String] {
        [table.header, table.rule] + rows.map(table.line)
    }

    /// The table says only whether; `--json` and `--csv` also name the purchase and the operator.
    static func here(_ made: MadeHere?) -> String {
        made == nil ? "" : "yes"
    }
}
