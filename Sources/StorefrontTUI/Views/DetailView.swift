import Foundation
import StorefrontDomain

/// The selected product: what it is, where, and every denomination with its price in the account currency.
enum DetailView {
    static func draw(_ state: AppState, _ pane: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let focused = state.browser.focus == .detail
        buffer.box(pane, title: "Product", glyphs: glyphs, style: Style(focused ? .accent : .border))
        let x = pane.x + 2
        let width = pane.width - 4
        guard let detail = state.browser.detail else {
            let text = state.browser.selectedProduct == nil ? "No product selected." : "Loading…"
            buffer.put(text, x: x, y: pane.y + 2, style: Style(.muted), maxWidth: width)
            return
        }
        let lines = self.lines(for: detail, glyphs: glyphs)
        let rows = pane.height - 3
        let start = min(state.browser.detailScroll, max(0, lines.count - rows))
        for (offset, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            buffer.row(line.text, x: x, y: pane.y + 1 + offset, width: width, style: line.style)
        }
        if detail.summary.inStock {
            buffer.put(" a add to cart ", x: pane.x + 2, y: pane.maxY - 1, style: Style(.key))
        }
    }

    struct Line {
        var text: String
        var style: Style
    }

    static func lines(for detail: ProductDetail, glyphs: Glyphs) -> [Line] {
        let summary = detail.summary
        var lines = [Line(text: summary.name, style: Style(.title, bold: true)), Line(text: summary.id, style: Style(.muted))]
        var facts = [summary.type.displayName]
        if let country = summary.countryName ?? summary.countryCode { facts.append(country) }
        if let currency = summary.currency { facts.append(currency) }
        lines.append(Line(text: facts.joined(separator: " \(glyphs.bullet) "), style: .text))
        lines.append(summary.inStock ? Line(text: "In stock", style: Style(.success)) : Line(text: "Out of stock", style: Style(.error, bold: true)))
        if detail.recipientType == .phoneNumber || summary.type == .phoneRefill {
            lines.append(Line(text: "Needs the phone number to top up.", style: Style(.muted)))
        }
        if detail.gone != nil {
            lines.append(Line(text: "No longer listed by the API.", style: Style(.warning)))
        }
        lines.append(Line(text: "", style: .text))
        let denominations = detail.denominations
        let currency = detail.priceCurrency.map(Currency.named)
        if !denominations.packages.isEmpty {
            lines.append(Line(text: "Packages", style: Style(.accent, bold: true)))
            for package in denominations.packages {
                let price = detail.price(of: package).map { "  \($0.formatted)" } ?? ""
                lines.append(Line(text: "  \(package.faceValue(currency: summary.currency))\(price)", style: .text))
            }
        }
        if let range = denominations.range {
            lines.append(Line(text: "Any value", style: Style(.accent, bold: true)))
            let unit = summary.currency.map { " \($0)" } ?? ""
            lines.append(Line(text: "  \(range.min) to \(range.max)\(unit), step \(range.step)", style: .text))
            if let currency, let price = range.price(of: 1) {
                lines.append(Line(text: "  1\(unit) costs \(Money(minorUnits: price, currency: currency).formatted)", style: Style(.muted)))
            }
        }
        if !detail.coverage.isEmpty {
            lines.append(Line(text: "", style: .text))
            lines.append(Line(text: "Covers \(detail.coverage.count) countr\(detail.coverage.count == 1 ? "y" : "ies")", style: Style(.accent, bold: true)))
            for chunk in stride(from: 0, to: detail.coverage.count, by: 8) {
                lines.append(Line(text: "  " + detail.coverage[chunk..<min(chunk + 8, detail.coverage.count)].joined(separator: " "), style: .text))
            }
        }
        if !detail.categories.isEmpty {
            lines.append(Line(text: "", style: .text))
            lines.append(Line(text: "Categories: \(detail.categories.joined(separator: ", "))", style: Style(.muted)))
        }
        return lines
    }
}
