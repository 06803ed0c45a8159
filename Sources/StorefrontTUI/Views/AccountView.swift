import Foundation
import StorefrontDomain

/// The Account screen: the server's invoices (whoever made them) with date, status, amount, payment method and
/// items, those made here marked; the foot line says how much is loaded and the request budget left.
enum AccountView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        if let detail = state.account.detail {
            AccountDetailView.draw(state, detail, layout, into: &buffer)
            return
        }
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let account = state.account
        let visible = account.visible
        let loaded = account.invoices.count
        let count = account.complete ? "\(loaded) invoice\(loaded == 1 ? "" : "s")" : "\(loaded)+ invoices"
        buffer.box(pane, title: "Account \(glyphs.bullet) \(count)", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        if account.isEditingFilter || !account.filter.isEmpty {
            let filter = account.isEditingFilter ? state.showingCursor(account.filter, in: .accountFilter, glyph: glyphs.cursor) : account.filter
            buffer.row("/ \(filter)", x: x, y: pane.y + 1, width: inner, style: Style(.input, bold: account.isEditingFilter))
        } else {
            buffer.row("/ filters by invoice or order id, product, phone number, email, ICCID", x: x, y: pane.y + 1, width: inner,
                       style: Style(.muted))
        }
        let columns = Columns(width: inner)
        buffer.row(columns.row(" ", "Created (UTC)", "Status", "Amount", "Paid with", "Items"), x: x, y: pane.y + 2, width: inner,
                   style: Style(.muted, underline: true))
        let rows = layout.accountRows
        if visible.isEmpty {
            let text = account.isLoading ? "Loading\(glyphs.ellipsis)"
                : !account.filter.isEmpty ? "No loaded invoice matches '\(account.filter)'. Esc clears the filter."
                : account.problem == nil ? "No invoices on this account yet." : ""
            buffer.put(text, x: x, y: pane.y + 4, style: Style(.muted), maxWidth: inner)
        }
        let mark = state.asciiOnly ? "*" : "●"
        for (offset, invoice) in visible.dropFirst(account.scroll).prefix(rows).enumerated() {
            let index = account.scroll + offset
            let y = pane.y + 3 + offset
            let line = columns.row(invoice.madeHere == nil ? " " : mark, invoice.createdAt.map(PurchaseText.stamp) ?? "",
                                   invoice.statusWord.replacingOccurrences(of: "_", with: " "), invoice.amount?.formatted ?? "",
                                   invoice.paymentMethod?.rawValue ?? "", invoice.items)
            let selected = index == account.selection
            buffer.row(line, x: x, y: y, width: inner, style: selected ? Style(.selection, bold: true) : .text)
            if !selected {
                buffer.restyle(x: x + columns.statusX, y: y, width: columns.statusWidth, style: Style(role(invoice.statusWord)))
            }
        }
        let (foot, footRole) = footLine(state, glyphs: glyphs, mark: mark)
        buffer.row(foot, x: x, y: pane.maxY - 2, width: inner, style: Style(footRole))
    }

    /// How much is loaded, whether more is coming, the problem if any, and the budget.
    static func footLine(_ state: AppState, glyphs: Glyphs, mark: String) -> (String, StyleRole) {
        let account = state.account
        var parts: [String] = []
        if account.problem != nil {
            // The whole message is in the status line; here only what it means for the list.
            parts.append(account.complete ? "Not read again: n tries" : "Not complete: n tries again")
        } else if account.isLoading, let until = account.waitingUntil, until > state.now {
            parts.append("Waiting for the API's request budget until \(PurchaseText.stamp(until).suffix(5)) UTC")
        } else if account.isLoading {
            parts.append("Reading the server\(glyphs.ellipsis)")
        } else if !account.complete {
            parts.append("More on the server: scroll down")
        } else {
            parts.append("All loaded")
        }
        if let budget = account.budget, let text = budget.text {
            // A spent budget says when it comes back, as the purchase screen's follow line does.
            if budget.remaining == 0, let reset = budget.resetAt, reset > state.now {
                parts.append("\(text) until \(PurchaseText.stamp(reset).suffix(5)) UTC")
            } else {
                parts.append(text)
            }
        }
        if account.problem == nil { parts.append("\(mark) made here") }
        return (parts.joined(separator: " \(glyphs.bullet) "), account.problem == nil ? .muted : .error)
    }

    static func role(_ status: String) -> StyleRole {
        switch status {
        case "all_delivered", "complete", "delivered": .success
        case "denied", "expired", "payment_error", "blocked", "failed", "permanent_failure": .error
        case "partially_delivered", "refunded": .warning
        default: .warning
        }
    }

    /// Mark, date, status, amount, method and items; the items take what the others leave.
    struct Columns {
        let width: Int
        let dateWidth = 16
        let statusWidth = 13
        let amountWidth = 15
        var methodWidth: Int { width >= 110 ? 14 : 9 }
        var statusX: Int { 2 + dateWidth + 1 }
        var itemsWidth: Int { max(8, width - 2 - dateWidth - statusWidth - amountWidth - methodWidth - 4) }

        func row(_ mark: String, _ date: String, _ status: String, _ amount: String, _ method: String, _ items: String) -> String {
            DisplayWidth.fit(mark, to: 1) + " " + DisplayWidth.fit(date, to: dateWidth) + " " + DisplayWidth.fit(status, to: statusWidth) + " "
                + String(repeating: " ", count: max(0, amountWidth - DisplayWidth.of(amount))) + DisplayWidth.truncate(amount, to: amountWidth) + " "
                + DisplayWidth.fit(method, to: methodWidth) + " " + DisplayWidth.fit(items, to: itemsWidth)
        }
    }
}

/// One invoice opened from the Account screen: what it was, whether it was made here, and each order with
/// its codes masked until `r` (never shown while presenting).
enum AccountDetailView {
    static func draw(_ state: AppState, _ detail: AccountInvoiceDetail, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        buffer.box(pane, title: "Invoice \(detail.invoice.id)", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        let lines = rows(state, detail, width: inner, glyphs: glyphs)
        let height = pane.height - 2
        let scroll = min(state.account.detailScroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            let label = line.label.isEmpty ? "" : DisplayWidth.fit(line.label, to: PurchaseView.labelWidth - line.indent)
            buffer.row(String(repeating: " ", count: line.indent) + label + line.text, x: x, y: pane.y + 1 + offset, width: inner, style: line.style)
        }
    }

    static func rows(_ state: AppState, _ detail: AccountInvoiceDetail, width: Int, glyphs: Glyphs) -> [PurchaseView.Row] {
        typealias Row = PurchaseView.Row
        let invoice = detail.invoice
        var rows: [Row] = []
        // "all delivered, payment confirmed": the payment's own words without their "payment_" prefix.
        let payment = invoice.paymentStatus.map { "payment " + $0.rawValue.replacingOccurrences(of: "payment_", with: "") }
        let status = [invoice.status?.rawValue, payment].compactMap { $0 }.joined(separator: ", ").replacingOccurrences(of: "_", with: " ")
        let facts: [(String, String?)] = [
            ("Created", invoice.createdAt.map { PurchaseText.stamp($0) + " UTC" }), ("Status", status),
            ("Amount", invoice.amount?.formatted), ("Paid with", invoice.paymentMethod?.displayName), ("Email", invoice.email),
        ]
        for (label, text) in facts {
            guard let text, !text.isEmpty else { continue }
            rows.append(Row(label: label, text: text, style: .text))
        }
        if let made = invoice.madeHere {
            rows.append(Row(label: "Made here", text: "purchase \(made.purchaseId) (h: history)", style: Style(.accent)))
            if let operatorName = made.operatorName { rows.append(Row(label: "Operator", text: operatorName, style: .text)) }
        } else {
            rows.append(Row(label: "Made", text: "elsewhere: another machine, a script or the website", style: Style(.muted)))
        }
        rows.append(Row(text: "", style: .text))
        let delivered = detail.orders.filter { $0.status == .delivered }.count
        rows.append(Row(text: "Orders (\(delivered) of \(detail.orders.count) delivered)", style: Style(.title, bold: true)))
        let masked = !state.isAccountRevealed
        for order in detail.orders {
            let (statusText, role) = PurchaseText.order(order)
            let name = [order.productName ?? order.productId ?? "Order \(order.id)", order.value].compactMap { $0 }.joined(separator: " ")
            let values = PurchaseValues.values(of: order)
            let hidden = masked && values.contains(where: \.isSecret)
                ? state.checkout.presenting ? "  (hidden: presenting)" : "  (hidden: r reveals)" : ""
            rows.append(Row(text: "\(glyphs.bullet) \(name) \(glyphs.bullet) \(statusText)\(hidden)", style: Style(role, bold: true), indent: 1))
            rows.append(Row(label: "Order", text: order.id, style: Style(.muted), indent: 3))
            for value in values {
                let shown = value.display(masked: masked, ascii: state.asciiOnly)
                for (offset, chunk) in PurchaseView.wrap(shown, width: width - PurchaseView.labelWidth - 3, breakAnywhere: true).enumerated() {
                    rows.append(Row(label: offset == 0 ? value.label : "", text: chunk,
                                    style: Style(value.isSecret && !masked ? .code : .text, bold: value.isSecret), indent: 3))
                }
            }
            let more: [(String, String?)] = [("Phone", order.phoneNumber), ("Refund", order.refund?.formatted), ("Problem", order.error)]
            for (label, text) in more {
                guard let text, !text.isEmpty else { continue }
                rows.append(Row(label: label, text: text, style: label == "Problem" ? Style(.error) : Style(.muted), indent: 3))
            }
        }
        return rows
    }
}
