import Foundation

/// The purchase history as CSV (RFC 4180) for a spreadsheet or a support ticket: one row per order (per line
/// while there are no orders yet), with amounts, payment methods, phone numbers and ICCIDs. Codes are masked:
/// a CSV is mailed around, a code is money.
///
/// `amount` is what the row spent, in `currency` (the payment's): the order's share of what the invoice cost,
/// or 0 when the order was refunded or the invoice never paid, so the column sums to what was spent. `refund`
/// is what a refunded order gave back, in `refund_currency`.
public enum HistoryCSV {
    public static let header = ["date", "purchase", "invoice", "status", "method", "amount", "currency", "refund", "refund_currency",
                                "product", "value", "phone_number", "iccid", "order", "order_status", "code"]

    public static func text(_ purchases: [Purchase]) -> String {
        var rows = [header]
        for purchase in purchases {
            let common = [
                purchase.createdAt.formatted(.iso8601), purchase.id, purchase.invoiceId ?? "",
                purchase.outcome?.rawValue ?? purchase.stage.rawValue, purchase.paymentMethod.rawValue,
            ]
            let total = purchase.payment?.amount
            let paid = total != nil && PurchaseSpending.wasPaid(purchase)
            if purchase.orders.isEmpty {
                let shares = total.map { PurchaseSpending.shares(of: $0.minorUnits, weights: purchase.lines.map(PurchaseSpending.weight)) }
                for (index, line) in purchase.lines.enumerated() {
                    rows.append(common + money(paid ? shares?[index] ?? 0 : 0, total) + ["", ""]
                                + [line.productName, line.faceValue, line.phoneNumber ?? "", line.esimId ?? "", "", "", ""])
                }
            }
            let shares = total.map { PurchaseSpending.shares(of: $0.minorUnits, weights: PurchaseSpending.weights(of: purchase)) }
            for (index, order) in purchase.orders.enumerated() {
                let spent = paid && order.status != .refunded && order.refund == nil ? shares?[index] ?? 0 : 0
                let iccid = order.esimId ?? order.redemption?.extraFields["iccid"] ?? ""
                rows.append(common + money(spent, total) + [order.refund?.decimalString ?? "", order.refund?.currency.code ?? ""] + [
                    order.productName ?? "", order.value ?? "", order.phoneNumber ?? "", iccid, order.id,
                    order.status?.rawValue ?? "", order.redemption?.code.map { SecretMask.mask($0, ascii: true) } ?? "",
                ])
            }
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// `amount` and `currency`: `minorUnits` of the payment's currency, or nothing when the invoice stated no amount.
    private static func money(_ minorUnits: Int64, _ total: Money?) -> [String] {
        guard let total else { return ["", ""] }
        return [Money(minorUnits: minorUnits, currency: total.currency).decimalString, total.currency.code]
    }

    /// Quoted when needed; sanitised, and a leading `=`, `+`, `-` or `@` defused so a spreadsheet never runs it.
    static func field(_ raw: String) -> String {
        var text = Sanitizer.clean(raw)
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
