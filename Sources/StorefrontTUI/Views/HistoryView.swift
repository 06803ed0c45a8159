import StorefrontDomain

/// Every purchase in the journal: unfinished ones on top, then newest first, filtered by `/`.
enum HistoryView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let history = state.checkout.history
        let count = history.entries.count
        buffer.box(pane, title: "History \(glyphs.bullet) \(count) purchase\(count == 1 ? "" : "s")", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        if history.isEditingFilter || !history.filter.isEmpty {
            let filter = history.isEditingFilter ? state.showingCursor(history.filter, in: .historyFilter, glyph: glyphs.cursor) : history.filter
            buffer.row("/ \(filter)", x: x, y: pane.y + 1, width: inner, style: Style(.input, bold: history.isEditingFilter))
        } else {
            // Short enough for 80 columns: the hint says what can be typed, not cut mid-word.
            buffer.row("/ filters by invoice, product, phone, ICCID, or the end of a code or link",
                       x: x, y: pane.y + 1, width: inner, style: Style(.muted))
        }
        let columns = Columns(width: inner)
        buffer.row(columns.row("Created (UTC)", "Status", "Amount", "Items", "Paid with", "Invoice"), x: x, y: pane.y + 2, width: inner,
                   style: Style(.muted, underline: true))
        guard !history.entries.isEmpty else {
            let text = history.isLoading ? "Loading\(glyphs.ellipsis)"
                : history.filter.isEmpty ? "No purchases yet: b in the cart buys what is in it."
                : "No purchase matches '\(history.filter)'. Esc clears the filter."
            buffer.put(text, x: x, y: pane.y + 4, style: Style(.muted), maxWidth: inner)
            return
        }
        let rows = layout.historyRows
        for (offset, purchase) in history.entries.dropFirst(history.scroll).prefix(rows).enumerated() {
            let index = history.scroll + offset
            let y = pane.y + 3 + offset
            let (status, role) = PurchaseText.shortStatus(purchase)
            let pending = purchase.isUnfinished ? "\(PurchaseText.spinner(state)) " : ""
            let line = columns.row(PurchaseText.stamp(purchase.createdAt), pending + status, purchase.payment?.amount?.formatted ?? "",
                                   items(purchase), purchase.paymentMethod.displayName, purchase.invoiceId ?? "none")
            let selected = index == history.selection
            buffer.row(line, x: x, y: y, width: inner, style: selected ? Style(.selection, bold: true) : .text)
            if !selected {
                buffer.restyle(x: x + columns.statusX, y: y, width: columns.statusWidth, style: Style(role, bold: purchase.isUnfinished))
            }
        }
    }

    /// What was bought and for whom: a top-up is marked with its eSIM, a refill with its phone number, in full,
    /// because that is what a customer on the phone reads out.
    static func items(_ purchase: Purchase) -> String {
        purchase.lines.map { line in
            let count = line.quantity > 1 ? " ×\(line.quantity)" : ""
            if let iccid = line.esimId { return "eSIM top-up \(line.faceValue) on \(iccid)" }
            let base = "\(line.productName) \(line.faceValue)\(count)"
            return line.phoneNumber.map { "\(base) for \($0)" } ?? base
        }.joined(separator: ", ")
    }

    /// Date, status, amount, items, method and invoice; the items take what the others leave.
    struct Columns {
        let width: Int
        let dateWidth = 16
        let statusWidth = 18
        let amountWidth = 15
        // What was bought, and for whom, comes before the method and the invoice id (the purchase shows both).
        var methodWidth: Int { width >= 110 ? 15 : 0 }
        var invoiceWidth: Int { width >= 150 ? 36 : 0 }
        var statusX: Int { dateWidth + 1 }
        var itemsWidth: Int { max(10, width - dateWidth - statusWidth - amountWidth - methodWidth - invoiceWidth - 5) }

        func row(_ date: String, _ status: String, _ amount: String, _ items: String, _ method: String, _ invoice: String) -> String {
            var text = DisplayWidth.fit(date, to: dateWidth) + " " + DisplayWidth.fit(status, to: statusWidth) + " "
                + String(repeating: " ", count: max(0, amountWidth - DisplayWidth.of(amount))) + DisplayWidth.truncate(amount, to: amountWidth) + " "
                + DisplayWidth.fitKeepingEnd(items, to: itemsWidth)
            if methodWidth > 0 { text += " " + DisplayWidth.fit(method, to: methodWidth) }
            if invoiceWidth > 0 { text += " " + DisplayWidth.truncate(invoice, to: invoiceWidth) }
            return text
        }
    }
}
