import Foundation

/// The purchase history as CSV (RFC 4180) for a spreadsheet or a support ticket: one row per order (per line
/// while there are no orders yet), with amounts, payment methods, phone numbers and ICCIDs. Codes are masked:
/// a CSV is mailed around, a code is money.
public enum HistoryCSV {
    public static let header = ["date", "purchase", "invoice", "status", "method", "amount", "currency",
                                "product", "value", "phone_number", "iccid", "order", "order_status", "code"]

    public static func text(_ purchases: [Purchase]) -> String {
        var rows = [header]
        for purchase in purchases {
            let common = [
                purchase.createdAt.formatted(.iso8601), purchase.id, purchase.invoiceId ?? "",
                purchase.outcome?.rawValue ?? purchase.stage.rawValue, purchase.paymentMethod.rawValue,
                purchase.payment?.amount?.decimalString ?? "", purchase.payment?.amount?.currency.code ?? "",
            ]
            if purchase.orders.isEmpty {
                for line in purchase.lines {
                    rows.append(common + [line.productName, line.faceValue, line.phoneNumber ?? "", line.esimId ?? "", "", "", ""])
                }
            }
            for order in purchase.orders {
                let iccid = order.esimId ?? order.redemption?.extraFields["iccid"] ?? ""
                rows.append(common + [
                    order.productName ?? "", order.value ?? "", order.phoneNumber ?? "", iccid, order.id,
                    order.status?.rawValue ?? "", order.redemption?.code.map { SecretMask.mask($0, ascii: true) } ?? "",
                ])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when needed; sanitised, and a leading `=`, `+`, `-` or `@` defused so a spreadsheet never runs it.
    static func field(_ raw: String) -> String {
        var text = Sanitizer.clean(raw)
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
