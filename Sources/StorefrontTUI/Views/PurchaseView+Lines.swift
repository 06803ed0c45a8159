import Foundation
import StorefrontDomain

/// The purchase screen's left pane as rows: where it stands, what to pay, each order and its codes, the
/// timeline. Built at the pane's width, so long values (a Lightning invoice, a link) wrap onto rows of their own.
extension PurchaseView {
    struct Row {
        var label = ""
        var text: String
        var style: Style
        /// The selectable value shown on this row (`PurchaseValues.list` index).
        var valueIndex: Int?
        var indent = 0
    }

    static let labelWidth = 15

    static func rows(_ state: AppState, _ purchase: Purchase, width: Int) -> [Row] {
        let glyphs = Glyphs.of(state)
        var rows = [Row(text: purchase.title, style: Style(.title, bold: true))]
        var method = purchase.paymentMethod.displayName
        if purchase.paymentMethod == .balance { method += purchase.autoPay ? " (auto-pay)" : " (paid with p)" }
        rows.append(Row(label: "Method", text: method, style: .text))
        rows.append(Row(label: "Invoice", text: purchase.invoiceId ?? "none yet (purchase \(purchase.id))", style: Style(.muted)))
        rows += statusRows(state, purchase, width: width, glyphs: glyphs)
        if PurchaseText.canRestoreLines(purchase) {
            rows.append(Row(text: "a puts its lines back in the cart", style: Style(.key), indent: labelWidth))
        }
        if let problem = purchase.problem {
            rows += wrap(problem, width: width).map { Row(text: $0, style: Style(.error, bold: true)) }
        }
        var values = PurchaseValues.payment(of: purchase).enumerated().map { ($0.offset, $0.element) }
        rows += paymentRows(state, purchase, values: values, width: width)
        var index = values.count
        if !purchase.orders.isEmpty {
            let delivered = purchase.orders.filter { $0.status == .delivered }.count
            rows.append(Row(text: "", style: .text))
            rows.append(Row(text: "Orders (\(delivered) of \(purchase.orders.count) delivered)", style: Style(.title, bold: true)))
            for order in purchase.orders {
                values = PurchaseValues.values(of: order).enumerated().map { (index + $0.offset, $0.element) }
                index += values.count
                rows += orderRows(state, purchase, order, values: values, width: width, glyphs: glyphs)
            }
        }
        if !purchase.timeline.isEmpty {
            rows.append(Row(text: "", style: .text))
            rows.append(Row(text: "Timeline", style: Style(.title, bold: true)))
            for entry in purchase.timeline {
                let at = "+" + PurchaseText.clock(entry.at.timeIntervalSince(purchase.createdAt))
                rows.append(Row(text: "\(at)  \(entry.text)", style: Style(.muted), indent: 1))
            }
        }
        return rows
    }

    /// Where it stands, wrapped under its label, then (while unfinished) when the next look is and the budget.
    private static func statusRows(_ state: AppState, _ purchase: Purchase, width: Int, glyphs: Glyphs) -> [Row] {
        let (text, role) = PurchaseText.status(purchase)
        let status: String
        if purchase.isUnfinished {
            let since = PurchaseText.clock(state.now.timeIntervalSince(purchase.createdAt))
            status = "\(PurchaseText.spinner(state)) \(text) \(glyphs.bullet) \(since) since start"
        } else {
            status = text + (purchase.timeline.last.map { " \(glyphs.bullet) took \(PurchaseText.clock($0.at.timeIntervalSince(purchase.createdAt)))" } ?? "")
        }
        var rows = wrap(status, width: width - labelWidth).enumerated().map { offset, line in
            Row(label: offset == 0 ? "Status" : "", text: line, style: Style(role, bold: true), indent: offset == 0 ? 0 : labelWidth)
        }
        guard purchase.isUnfinished else { return rows }
        var follow: [String] = []
        if let status = state.checkout.follows[purchase.id], let next = status.nextCheck {
            let seconds = Int(next.timeIntervalSince(state.now).rounded(.up))
            follow.append(seconds > 0 ? "next check in \(seconds) s" : "checking\(glyphs.ellipsis)")
            if let left = status.requestsLeft {
                follow.append(status.requestLimit.map { "\(left)/\($0) requests left" } ?? "\(left) requests left")
            }
        } else if !purchase.awaitsBalancePayment {
            follow.append("not being checked: n checks now")
        }
        if !follow.isEmpty {
            rows += wrap(follow.joined(separator: " \(glyphs.bullet) "), width: width - labelWidth).map {
                Row(text: $0, style: Style(.muted), indent: labelWidth)
            }
        }
        return rows
    }

    private static func paymentRows(_ state: AppState, _ purchase: Purchase, values: [(Int, PurchaseValue)], width: Int) -> [Row] {
        if purchase.awaitsBalancePayment {
            let amount = purchase.payment?.amount.map { "\($0.formatted) from the balance" } ?? "from the balance"
            return [Row(text: "", style: .text), Row(label: "To pay", text: amount, style: Style(.input, bold: true)),
                    Row(text: "p pays it now", style: Style(.key), indent: labelWidth)]
        }
        guard !values.isEmpty else { return [] }
        var rows = [Row(text: "", style: .text)]
        for (index, value) in values where value.kind == .paymentAddress {
            for (offset, chunk) in wrap(value.text, width: width - labelWidth, breakAnywhere: true).enumerated() {
                rows.append(Row(label: offset == 0 ? value.label : "", text: chunk, style: Style(.input), valueIndex: index))
            }
        }
        if let amount = purchase.payment?.amount {
            let index = values.first { $0.1.kind == .paymentAmount }?.0
            rows.append(Row(label: "Send exactly", text: amount.formatted,
                            style: Style(.input, bold: true), valueIndex: index))
        }
        if let expiry = purchase.expiresAt, purchase.payment?.expiryIsEstimate != true {
            let left = expiry.timeIntervalSince(state.now)
            rows.append(Row(label: "Expires in", text: left > 0 ? PurchaseText.clock(left) : "expired",
                            style: Style(left < 600 ? .warning : .text)))
        } else {
            // No server sent an expiry: say what the API reference says, never a clock of our own making.
            rows += wrap(PurchaseText.usualExpiry, width: width - labelWidth).enumerated().map { offset, line in
                Row(label: offset == 0 ? "Expires" : "", text: line, style: Style(.muted), indent: offset == 0 ? 0 : labelWidth)
            }
        }
        if state.connection.isSandbox {
            rows.append(Row(text: "s simulates it (sandbox)", style: Style(.key), indent: labelWidth))
        }
        return rows
    }

    private static func orderRows(_ state: AppState, _ purchase: Purchase, _ order: PurchaseOrder, values: [(Int, PurchaseValue)], width: Int,
                                  glyphs: Glyphs) -> [Row] {
        let (status, role) = PurchaseText.order(order, of: purchase)
        let mark = switch order.status {
        case .delivered?: state.asciiOnly ? "+" : "✓"
        case .failed?, .permanentFailure?, .refunded?: state.asciiOnly ? "x" : "✗"
        default: glyphs.bullet
        }
        let name = [order.productName ?? order.productId ?? "Order \(order.id)", order.value].compactMap { $0 }.joined(separator: " ")
        let masked = !state.isRevealed(orderId: order.id)
        let hidden = masked && values.contains { $0.1.isSecret } ? state.checkout.presenting ? "  (hidden: presenting)" : "  (hidden: r reveals)" : ""
        var rows = [Row(text: "\(mark) \(name) \(glyphs.bullet) \(status)\(hidden)", style: Style(role, bold: true), indent: 1)]
        for (index, value) in values {
            let shown = value.display(masked: masked, ascii: state.asciiOnly)
            for (offset, chunk) in wrap(shown, width: width - labelWidth - 3, breakAnywhere: true).enumerated() {
                rows.append(Row(label: offset == 0 ? value.label : "", text: chunk,
                                style: Style(value.isSecret && !masked ? .code : .text, bold: value.isSecret), valueIndex: index, indent: 3))
            }
        }
        let redemption = order.redemption
        let facts: [(String, String?)] = [
            ("Phone", order.phoneNumber), ("Expires", redemption?.expirationDate.map(PurchaseText.serverDate)), ("Other", redemption?.other),
            ("Refund", order.refund?.formatted), ("Refund to", order.refund == nil ? nil : purchase.refundDestination), ("Problem", order.error),
        ]
        for (label, text) in facts {
            guard let text, !text.isEmpty else { continue }
            let style = label == "Problem" ? Style(.error) : label.hasPrefix("Refund") ? Style(.warning) : Style(.muted)
            // An address is one long word: it is cut into whole rows rather than cut off.
            for (offset, line) in wrap(text, width: width - labelWidth - 3, breakAnywhere: label == "Refund to").enumerated() {
                rows.append(Row(label: offset == 0 ? label : "", text: line, style: style, indent: 3))
            }
        }
        if let instructions = redemption?.instructions, !instructions.isEmpty {
            let lines = instructions.split(separator: "\n", omittingEmptySubsequences: true).flatMap { wrap(String($0), width: width - 5) }
            rows.append(Row(text: "Instructions", style: Style(.muted, bold: true), indent: 3))
            rows += lines.prefix(6).map { Row(text: $0, style: Style(.muted), indent: 5) }
        }
        return rows
    }

    /// Words wrapped to `width`; with `breakAnywhere`, text without spaces (addresses, invoices) is cut into
    /// pieces of exactly `width` columns.
    static func wrap(_ text: String, width: Int, breakAnywhere: Bool = false) -> [String] {
        guard width > 0, DisplayWidth.of(text) > width else { return [text] }
        if breakAnywhere {
            var pieces: [String] = []
            var piece = ""
            for character in text {
                if DisplayWidth.of(piece) + DisplayWidth.of(character) > width {
                    pieces.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            return pieces + (piece.isEmpty ? [] : [piece])
        }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        return lines + (line.isEmpty ? [] : [line])
    }
}
