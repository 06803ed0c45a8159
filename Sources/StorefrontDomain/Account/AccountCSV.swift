import Foundation

/// The account's invoices and orders as CSV, one row per order, for a spreadsheet: no codes (the listing has none).
public enum AccountCSV {
    public static let invoiceHeader = ["date", "invoice", "status", "payment_status", "method", "amount", "currency", "email",
                                       "made_here", "purchase", "operator", "order", "product", "value", "phone_number", "iccid", "order_status"]
    public static let orderHeader = ["date", "order", "invoice", "status", "product", "value", "phone_number", "iccid",
                                     "made_here", "purchase", "operator"]

    public static func invoices(_ invoices: [AccountInvoice]) -> String {
        var rows = [invoiceHeader]
        for invoice in invoices {
            let common = [
                invoice.createdAt.map(Timestamps.iso8601) ?? "", invoice.id, invoice.status?.rawValue ?? "",
                invoice.paymentStatus?.rawValue ?? "", invoice.paymentMethod?.rawValue ?? "", invoice.amount?.decimalString ?? "",
                invoice.amount?.currency.code ?? "", invoice.email ?? "", invoice.madeHere == nil ? "no" : "yes",
                invoice.madeHere?.purchaseId ?? "", invoice.madeHere?.operatorName ?? "",
            ]
            if invoice.orders.isEmpty { rows.append(common + Array(repeating: "", count: 6)) }
            for order in invoice.orders {
                rows.append(common + [order.id, order.productName ?? order.productId ?? "", order.value ?? "", order.phoneNumber ?? "",
                                      order.esimId ?? "", order.status?.rawValue ?? ""])
            }
        }
        return text(rows)
    }

    public static func orders(_ orders: [AccountOrder]) -> String {
        text([orderHeader] + orders.map { order in
            [order.createdAt.map(Timestamps.iso8601) ?? "", order.id, order.invoiceId ?? "", order.status?.rawValue ?? "",
             order.productName ?? order.productId ?? "", order.value ?? "", order.phoneNumber ?? "", order.esimId ?? "",
             order.madeHere == nil ? "no" : "yes", order.madeHere?.purchaseId ?? "", order.madeHere?.operatorName ?? ""]
        })
    }

    private static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(HistoryCSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
