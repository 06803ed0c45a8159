import StorefrontDomain

/// The review before buying: every line with its units, face value and prices, the total in the account
/// currency and the balance after, then how to pay. Nothing is sent from here: Enter shows a one-line summary
/// and only `y` there buys.
enum ReviewView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let cart = state.cart
        let units = "\(cart.units) item\(cart.units == 1 ? "" : "s")"
        buffer.box(pane, title: "Review \(glyphs.bullet) \(units) in \(cart.lines.count) line\(cart.lines.count == 1 ? "" : "s")",
                   glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        let table = Table(width: inner)
        buffer.row(table.row("Product", "Face value", "Qty", "Unit price", "Line total"), x: x, y: pane.y + 1, width: inner,
                   style: Style(.muted, underline: true))

        // Below the lines: a gap, three rows of totals, a gap, four fields, a gap and two rows for a problem.
        let maxLineRows = max(1, pane.height - 2 - 1 - 1 - 3 - 1 - 4 - 1 - 2)
        var y = pane.y + 2
        var shown = 0
        for line in cart.lines {
            // A phone number or ICCID gets a row of its own, in full: it is what a support person checks.
            let rows = line.recipient == nil ? 1 : 2
            let reserve = shown + 1 < cart.lines.count ? 1 : 0
            guard y - (pane.y + 2) + rows + reserve <= maxLineRows else { break }
            buffer.row(table.row(line.productName, line.faceValue, "\(line.quantity)", PriceText.of(line.unitPrice, in: state, estimate: line.priceIsEstimate), PriceText.of(line.linePrice, in: state, estimate: line.priceIsEstimate)),
                       x: x, y: y, width: inner, style: .text)
            if let recipient = line.recipient {
                buffer.row("  \(recipient)", x: x, y: y + 1, width: inner, style: Style(.accent))
            }
            y += rows
            shown += 1
        }
        if shown < cart.lines.count {
            buffer.row("\(glyphs.ellipsis) and \(cart.lines.count - shown) more lines (the cart lists them all)",
                       x: x, y: y, width: inner, style: Style(.muted))
            y += 1
        }

        y += 1
        let method = state.checkout.review.method
        buffer.row(table.row("Total", "", "\(cart.units)", "", PriceText.of(cart.totalPrice, in: state, estimate: cart.totalIsEstimate)), x: x, y: y, width: inner, style: Style(.title, bold: true))
        if method == .balance, let balance = state.balance {
            buffer.row(table.row("Balance", "", "", "", balance.formatted), x: x, y: y + 1, width: inner, style: Style(.muted))
            if let total = cart.totalPrice, let after = balance.after(spending: total) {
                buffer.row(table.row(after.short ? "Short by" : "Balance after", "", "", "",
                                     PriceText.of(after.amount.minorUnits, in: state, estimate: cart.totalIsEstimate)),
                           x: x, y: y + 2, width: inner, style: after.short ? Style(.error, bold: true) : Style(.success))
            }
        } else if method != .balance {
            buffer.wrapped("Paid from a wallet in \(method.displayName): the invoice states the exact amount to send; the balance is not touched.",
                           x: x, y: y + 1, width: inner, maxRows: 2, style: Style(.muted))
        }
        y += 4
        drawFields(state, x: x, y: y, width: inner, glyphs: glyphs, into: &buffer)
        y += 5
        if state.checkout.placingLines != nil {
            buffer.row("Creating the invoice\(glyphs.ellipsis) the cart stays as it is until the server answers.",
                       x: x, y: y, width: inner, style: Style(.accent, bold: true))
        } else if let error = state.checkout.review.error {
            buffer.wrapped(error, x: x, y: y, width: inner, maxRows: 2, style: Style(.error, bold: true))
        }
        buffer.put(" Enter summary \(glyphs.bullet) y buys there \(glyphs.bullet) Tab next field \(glyphs.bullet) Esc cart ",
                   x: pane.x + 2, y: pane.maxY - 1, style: Style(.key))
    }

    private static func drawFields(_ state: AppState, x: Int, y: Int, width: Int, glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let form = state.checkout.review
        let labelWidth = 17
        var row = y
        for field in form.fields {
            let focused = form.field == field
            let label = switch field {
            case .method: "Payment method"
            case .autoPay: "Auto-pay"
            case .refundAddress: "Refund address"
            case .email: "Email"
            case .ticket: "Ticket"
            }
            buffer.row((focused ? "› " : "  ") + label, x: x, y: row, width: labelWidth, style: Style(focused ? .accent : .text, bold: focused))
            let (value, style) = self.value(of: field, state, focused: focused, glyphs: glyphs)
            buffer.row(value, x: x + labelWidth, y: row, width: width - labelWidth, style: style)
            row += 1
        }
    }

    private static func value(of field: ReviewForm.Field, _ state: AppState, focused: Bool, glyphs: Glyphs) -> (String, Style) {
        let form = state.checkout.review
        let ascii = state.asciiOnly
        let (left, right) = ascii ? ("<", ">") : ("◀", "▶")
        switch field {
        case .method:
            let methods = PaymentMethod.knownCases
            let position = (methods.firstIndex(of: form.method) ?? 0) + 1
            let name = focused ? "\(left) \(form.method.displayName) \(right)" : form.method.displayName
            return ("\(name)   (\(position) of \(methods.count)\(focused ? ", ←→ changes" : ""))", Style(.input, bold: focused))
        case .autoPay:
            let text = form.autoPay ? "[x] on: paid as soon as the invoice exists" : "[ ] off: p on the purchase screen pays it"
            return (text, Style(.input, bold: focused))
        case .refundAddress:
            return textField(form.refundAddress, placeholder: refundPlaceholder(form.method), focused: focused, glyphs: glyphs,
                             fromEnd: state.cursorFromEnd(in: .refundAddress, of: form.refundAddress))
        case .email:
            return textField(form.email, placeholder: "optional: the codes are emailed there too",
                             focused: focused, glyphs: glyphs, fromEnd: state.cursorFromEnd(in: .email, of: form.email))
        case .ticket:
            return textField(form.ticket, placeholder: "optional: the customer's ticket, kept with the purchase",
                             focused: focused, glyphs: glyphs, fromEnd: state.cursorFromEnd(in: .ticket, of: form.ticket))
        }
    }

    private static func textField(_ text: String, placeholder: String, focused: Bool, glyphs: Glyphs, fromEnd: Int) -> (String, Style) {
        if text.isEmpty { return ((focused ? glyphs.cursor : "") + placeholder, Style(.muted)) }
        return (focused ? LineEditor.show(text, cursorFromEnd: fromEnd, glyph: glyphs.cursor) : text, Style(.input, bold: focused))
    }

    private static func refundPlaceholder(_ method: PaymentMethod) -> String {
        switch method {
        case .bitcoin: "where a failed order is refunded: bc1…, 1… or 3…"
        case .lightning: "where a failed order is refunded: name@host or an ln… invoice"
        case .usdcSolana: "where a failed order is refunded: a Solana address"
        default: "where a failed order is refunded: 0x and 40 hex digits"
        }
    }

    /// The review's five columns at a width: the name takes what the numbers leave.
    struct Table {
        let width: Int
        var priceWidth: Int { 16 }
        var quantityWidth: Int { 4 }
        var faceWidth: Int { min(16, width / 5) }
        var nameWidth: Int { max(10, width - faceWidth - quantityWidth - 2 * priceWidth - 4) }

        func row(_ name: String, _ face: String, _ quantity: String, _ unit: String, _ total: String) -> String {
            DisplayWidth.fitKeepingEnd(name, to: nameWidth) + " " + DisplayWidth.fit(face, to: faceWidth) + " "
                + pad(quantity, quantityWidth) + " " + pad(unit, priceWidth) + " " + pad(total, priceWidth)
        }

        private func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
        }
    }
}

extension CartLine {
    /// Who or what the line is for, in full: "to +4915123456789", "eSIM 8988247000000000019".
    public var recipient: String? {
        if let phoneNumber { return "to \(phoneNumber)" }
        return esimId.map { "eSIM \($0)" }
    }
}
