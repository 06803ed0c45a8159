import Foundation
import StorefrontDomain

/// What a customer needs from a purchase, as plain text for a file: each product with its value and, once
/// delivered, the code, PIN, link, instructions, expiry, and an eSIM's QR drawn in text. Codes are written in
/// full (the file is the customer's copy, written owner-only); every server string is sanitised first.
public enum Receipt {
    /// `qrMatrix` encodes a QR payload (nil when it cannot be): injected, because encoding is C and this type is
    /// pure.
    public static func text(for purchase: Purchase, qrMatrix: (String) -> QRMatrix?) -> String {
        var lines = ["Receipt"]
        lines.append("Purchase  \(purchase.id)")
        if let invoice = purchase.invoiceId { lines.append("Invoice   \(clean(invoice))") }
        lines.append("Date      \(purchase.createdAt.formatted(.iso8601))")
        if let agent = purchase.agent { lines.append("Agent     \(clean(agent))") }
        if let ticket = purchase.ticket { lines.append("Ticket    \(clean(ticket))") }
        lines.append("Paid with \(purchase.paymentMethod.rawValue)")
        if let amount = purchase.payment?.amount { lines.append("Amount    \(amount.formatted)") }
        lines.append("Status    \(purchase.outcome?.rawValue ?? purchase.stage.rawValue)")
        if purchase.orders.isEmpty {
            for line in purchase.lines {
                lines.append("")
                lines.append("\(clean(line.productName)) \(clean(line.faceValue))" + (line.quantity > 1 ? " ×\(line.quantity)" : ""))
                if let phone = line.phoneNumber { lines.append("  Phone         \(clean(phone))") }
                if let esim = line.esimId { lines.append("  eSIM (ICCID)  \(clean(esim))") }
                lines.append("  Not delivered yet.")
            }
        }
        for order in purchase.orders {
            lines.append("")
            lines.append([order.productName, order.value].compactMap { $0.map(clean) }.joined(separator: " "))
            lines.append("  Order         \(clean(order.id))")
            lines.append("  Status        \(order.status?.rawValue ?? "unknown")")
            if let phone = order.phoneNumber { lines.append("  Phone         \(clean(phone))") }
            if let esim = order.esimId ?? order.redemption?.extraFields["iccid"] { lines.append("  eSIM (ICCID)  \(clean(esim))") }
            if let refund = order.refund {
                lines.append("  Refunded      \(refund.formatted)")
                if let destination = purchase.refundDestination { lines.append("  Refunded to   \(clean(destination))") }
            }
            guard let redemption = order.redemption else { continue }
            let fields: [(String, String?)] = [
                ("Code", redemption.code), ("PIN", redemption.pin), ("Link", redemption.link),
                ("Expires", redemption.expirationDate), ("Details", redemption.other),
            ]
            for (label, value) in fields {
                if let value, !value.isEmpty { lines.append("  \(label.padding(toLength: 14, withPad: " ", startingAt: 0))\(clean(value))") }
            }
            if let lpa = redemption.lpa {
                lines.append("  SM-DP+        \(clean(lpa.smdp))")
                lines.append("  Activation    \(clean(lpa.activationCode))")
            }
            if let instructions = redemption.instructions, !instructions.isEmpty {
                lines.append("  Instructions  \(Sanitizer.clean(instructions))")
            }
            if let payload = redemption.qrPayload {
                lines.append("  QR code (\(clean(payload))):")
                guard let matrix = qrMatrix(payload) else {
                    lines.append("    (cannot be drawn: enter the details above by hand)")
                    continue
                }
                lines += qrBlock(matrix)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The code twice, for each way a text file is seen: a phone reads only dark modules on a light ground, and
    /// plain text takes the colours of wherever it is shown. Each is preceded by where to scan it and ends with an
    /// empty line (its own blank rows are the quiet zone, kept as spaces).
    private static func qrBlock(_ matrix: QRMatrix) -> [String] {
        var lines = ["  On a dark screen (light text on dark), scan this one:"]
        lines += QRTextRenderer.lines(matrix, mode: .half, ink: .lightModules).map { "  " + $0 }
        lines += ["", "  On paper or a light screen (dark text on light), scan this one:"]
        lines += QRTextRenderer.lines(matrix, mode: .half).map { "  " + $0 }
        return lines
    }

    /// A file name for the receipt of `purchase`: its invoice id (or purchase id), safe as a path component.
    public static func fileName(for purchase: Purchase) -> String {
        let name = (purchase.invoiceId ?? purchase.id).unicodeScalars.map { scalar in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "-" ? Character(scalar) : "_"
        }
        return "receipt-\(String(name.prefix(64))).txt"
    }

    private static func clean(_ text: String) -> String { Sanitizer.clean(text) }
}
