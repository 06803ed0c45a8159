import Foundation
import StorefrontDomain

/// The add-to-cart dialog: packages to pick or a value to type, the quantity, and the phone number for top-ups.
enum AddToCartView {
    static func draw(_ form: AddToCartForm, _ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let denominations = form.product.denominations
        let packageRows = min(denominations.packages.count, 8)
        let height = 12 + packageRows + (form.needsPhone ? 2 : 0)
        let rect = DialogView.frame(width: 70, height: height, layout)
        buffer.box(rect, title: "Add to cart: \(form.product.summary.name)", glyphs: glyphs, style: Style(.accent))
        let x = rect.x + 2
        let width = rect.width - 4
        var y = rect.y + 1
        buffer.wrapped(denominations.allowedDescription + ".", x: x, y: y, width: width, maxRows: 2, style: Style(.muted))
        y += 2

        let focusedStyle = { (field: AddToCartForm.Field) in Style(form.field == field ? .accent : .text, bold: form.field == field) }
        buffer.put("Denomination", x: x, y: y, style: focusedStyle(.denomination))
        y += 1
        if packageRows > 0 {
            let top = max(0, min(form.packageIndex - packageRows + 1, denominations.packages.count - packageRows))
            for (offset, package) in denominations.packages.dropFirst(top).prefix(packageRows).enumerated() {
                let index = top + offset
                let price = form.product.price(of: package).map { "  \($0.formatted)" } ?? ""
                let picked = index == form.packageIndex && form.valueText.isEmpty
                buffer.row("  \(package.faceValue(currency: form.product.summary.currency))\(price)", x: x, y: y, width: width,
                           style: picked ? Style(form.field == .denomination ? .selection : .accent, bold: true) : .text)
                y += 1
            }
        }
        let prompt = denominations.range == nil ? "or type a package: " : packageRows > 0 ? "or type a value: " : "value: "
        let typed = form.field == .denomination ? state.showingCursor(form.valueText, in: .addValue, glyph: glyphs.cursor) : form.valueText
        buffer.row("  \(prompt)\(typed)\(typedPrice(form))", x: x, y: y, width: width, style: Style(.input))
        y += 2

        buffer.put("Quantity", x: x, y: y, style: focusedStyle(.quantity))
        buffer.put("\(form.quantity)\(form.field == .quantity ? glyphs.cursor : "")   (+/- or type; room for \(state.cart.roomLeft))",
                   x: x + 14, y: y, style: Style(.input), maxWidth: width - 14)
        y += 2
        if form.needsPhone {
            buffer.put("Phone", x: x, y: y, style: focusedStyle(.phone))
            let phone = form.phoneText.isEmpty && form.field != .phone ? "+15551234567 (E.164)" : (form.field == .phone ? state.showingCursor(form.phoneText, in: .addPhone, glyph: glyphs.cursor) : form.phoneText)
            buffer.put(phone, x: x + 14, y: y, style: Style(form.phoneText.isEmpty ? .muted : .input), maxWidth: width - 14)
            y += 2
        }
        if let error = form.error {
            buffer.wrapped(error, x: x, y: y, width: width, maxRows: 2, style: Style(.error, bold: true))
        }
        buffer.put(" Enter add \(glyphs.bullet) Tab next field \(glyphs.bullet) Esc cancel ", x: rect.x + 2, y: rect.maxY - 1, style: Style(.key))
    }

    /// "  = 15 USD  0.00025 BTC" after a typed value the range allows, so the price shows before Enter.
    private static func typedPrice(_ form: AddToCartForm) -> String {
        let product = form.product
        guard !form.valueText.isEmpty, case .value(let value)? = try? product.denominations.choose(form.valueText) else { return "" }
        let face = "\(value)" + (product.summary.currency.map { " \($0)" } ?? "")
        let price = product.denominations.range?.price(of: value).flatMap { minor in
            product.priceCurrency.map { Money(minorUnits: minor, currency: .named($0)).formatted }
        }
        return "   = \(face)" + (price.map { "  \($0)" } ?? "")
    }
}
