import StorefrontDomain

/// The cart: each line with its quantity and prices, the total, and the balance after purchase.
enum CartView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let cart = state.cart
        buffer.box(pane, title: "Cart \(glyphs.bullet) \(cart.units)/\(Cart.maxUnits) units", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        guard !cart.isEmpty else {
            buffer.wrapped("The cart is empty. Esc goes back to the catalog; a adds the selected product.",
                           x: x, y: pane.y + 2, width: inner, maxRows: 2, style: Style(.muted))
            return
        }
        let priceWidth = 15
        let quantityWidth = 4
        // A line's phone number or ICCID is what an agent checks with the customer: it is never cut. The product
        // column takes room from the face value's (down to 11 columns) to leave the name 11, and the name gives way.
        let longestNumber = cart.lines.map { DisplayWidth.of(recipient(of: $0, glyphs)) }.max() ?? 0
        let baseFace = min(18, inner / 5)
        let baseName = max(10, inner - baseFace - quantityWidth - 2 * priceWidth - 4)
        let borrowed = min(max(0, baseFace - 11), max(0, longestNumber + 11 - baseName))
        let faceWidth = baseFace - borrowed
        let nameWidth = baseName + borrowed
        func columns(_ name: String, _ face: String, _ quantity: String, _ unit: String, _ total: String) -> String {
            DisplayWidth.fit(name, to: nameWidth) + " " + DisplayWidth.fit(face, to: faceWidth) + " "
                + String(repeating: " ", count: max(0, quantityWidth - quantity.count)) + quantity + " "
                + String(repeating: " ", count: max(0, priceWidth - DisplayWidth.of(unit))) + unit + " "
                + String(repeating: " ", count: max(0, priceWidth - DisplayWidth.of(total))) + total
        }
        buffer.row(columns("Product", "Face value", "Qty", "Unit price", "Line total"), x: x, y: pane.y + 1, width: inner,
                   style: Style(.muted, underline: true))
        let top = max(0, min(state.cartSelection - layout.cartRows + 1, cart.lines.count - layout.cartRows))
        for (offset, line) in cart.lines.dropFirst(top).prefix(layout.cartRows).enumerated() {
            let index = top + offset
            let number = recipient(of: line, glyphs)
            let name = DisplayWidth.shortenKeepingEnd(line.productName, to: max(1, nameWidth - DisplayWidth.of(number))) + number
            buffer.row(columns(name, line.faceValue, "\(line.quantity)", PriceText.of(line.unitPrice, in: state, estimate: line.priceIsEstimate), PriceText.of(line.linePrice, in: state, estimate: line.priceIsEstimate)),
                       x: x, y: pane.y + 2 + offset, width: inner,
                       style: index == state.cartSelection ? Style(.selection, bold: true) : .text)
        }
        let totalsY = pane.maxY - 4
        let total = cart.totalPrice
        buffer.row(columns("Total", "", "\(cart.units)", "", PriceText.of(total, in: state, estimate: cart.totalIsEstimate)), x: x, y: totalsY, width: inner, style: Style(.title, bold: true))
        if let balance = state.balance {
            buffer.row(columns("Balance", "", "", "", balance.formatted), x: x, y: totalsY + 1, width: inner, style: Style(.muted))
            if let total, let after = balance.after(spending: total) {
                let style = after.short ? Style(.error, bold: true) : Style(.success)
                let label = after.short ? "Short by" : "After purchase"
                buffer.row(columns(label, "", "", "", PriceText.of(after.amount.minorUnits, in: state, estimate: cart.totalIsEstimate)),
                           x: x, y: totalsY + 2, width: inner, style: style)
            }
        }
    }

    /// " · +447700900123" or " · 89882471083047617312": the number the line is for, shown after its product.
    private static func recipient(of line: CartLine, _ glyphs: Glyphs) -> String {
        (line.phoneNumber ?? line.esimId).map { " \(glyphs.bullet) \($0)" } ?? ""
    }
}
