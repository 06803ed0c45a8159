import StorefrontDomain

/// Draws the whole state into a new buffer at the state's size. Pure: the same state gives the same cells.
/// With `--ascii` every cell ends up plain ASCII (`foldToASCII`), whichever view drew it.
public func render(_ state: AppState) -> ScreenBuffer {
    var buffer = drawScreen(state)
    if state.asciiOnly { buffer.foldToASCII() }
    return buffer
}

private func drawScreen(_ state: AppState) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: state.width, height: state.height)
    guard !state.isTooSmall else {
        TooSmallView.draw(state, into: &buffer)
        return buffer
    }
    let layout = Layout(width: state.width, height: state.height)
    if FullScreenQRView.applies(state) {
        FullScreenQRView.draw(state, into: &buffer)
    } else {
        HeaderView.draw(state, layout, into: &buffer)
        switch state.screen {
        case .browser: BrowserView.draw(state, layout, into: &buffer)
        case .cart: CartView.draw(state, layout, into: &buffer)
        case .review: ReviewView.draw(state, layout, into: &buffer)
        case .purchase: PurchaseView.draw(state, layout, into: &buffer)
        case .history: HistoryView.draw(state, layout, into: &buffer)
        case .esim: ESIMView.draw(state, layout, into: &buffer)
        case .phoneRefill: PhoneRefillView.draw(state, layout, into: &buffer)
        case .account: AccountView.draw(state, layout, into: &buffer)
        }
        StatusBarView.draw(state, layout, into: &buffer)
    }
    switch state.overlay {
    case .help: HelpView.draw(state, layout, into: &buffer)
    case .addToCart(let form): AddToCartView.draw(form, state, layout, into: &buffer)
    case .confirmQuit:
        DialogView.confirm(title: "Quit?", lines: [
            "The cart holds \(state.cart.units) unit\(state.cart.units == 1 ? "" : "s"); it is saved and will be here next time.",
            "", "y  quit      n  stay",
        ], state, layout, into: &buffer)
    case .confirmClearCart:
        DialogView.confirm(title: "Empty the cart?", lines: [
            "Remove all \(state.cart.lines.count) line\(state.cart.lines.count == 1 ? "" : "s") (\(state.cart.units) units) from the cart?",
            "", "y  empty it      n  keep it",
        ], state, layout, into: &buffer)
    case .confirmRemoveLine(let id):
        let line = state.cart.lines.first { $0.id == id }
        let what = line.map { "\($0.quantity) × \($0.productName) \($0.faceValue)" + ($0.phoneNumber.map { " for \($0)" } ?? "") } ?? "this line"
        DialogView.confirm(title: "Remove the line?", lines: ["Remove \(what) from the cart?", "", "y  remove it      n  keep it"],
                           state, layout, into: &buffer)
    case .confirmPurchase:
        let estimate = state.cart.totalIsEstimate ? ["Estimated from the range's rate; the invoice states the exact amount."] : []
        let recipients = purchaseRecipients(state, limit: max(1, layout.height - 12))
        DialogView.confirm(title: "Buy?", lines: [purchaseSummary(state)] + recipients + estimate + ["", "y  buy      n  back to the review"],
                           state, layout, into: &buffer)
    case .confirmRepeatPurchase(let message, _):
        DialogView.confirm(title: "Buy the same again?", lines: [message, "", "y  buy it again      n  back to the review"],
                           state, layout, into: &buffer)
    case nil: break
    }
    return buffer
}

/// Line-drawing characters, Unicode or (`--ascii`) plain ASCII.
struct Glyphs {
    let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    let ellipsis, cursor, bullet, full, empty, times: String

    static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                ellipsis: "…", cursor: "▏", bullet: "·", full: "█", empty: "░", times: "×")
    static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                              ellipsis: "...", cursor: "_", bullet: "-", full: "#", empty: ".", times: "x")

    static func of(_ state: AppState) -> Glyphs { state.asciiOnly ? .ascii : .unicode }
}

extension ScreenBuffer {
    /// A box with an optional title in its top border.
    mutating func box(_ rect: Rect, title: String?, glyphs: Glyphs, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect, style: .text)
        let inner = rect.width - 2
        put(glyphs.topLeft + String(repeating: glyphs.horizontal, count: inner) + glyphs.topRight, x: rect.x, y: rect.y, style: style)
        put(glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: inner) + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, x: rect.x, y: y, style: style)
            put(glyphs.vertical, x: rect.maxX - 1, y: y, style: style)
        }
        if let title, inner > 4 {
            put(" \(DisplayWidth.truncate(title, to: inner - 4)) ", x: rect.x + 2, y: rect.y, style: Style(style.role, bold: true))
        }
    }

    /// Text cut to `width` columns (with an ellipsis) and padded, so a row is fully owned by its writer.
    mutating func row(_ text: String, x: Int, y: Int, width: Int, style: Style) {
        put(DisplayWidth.fit(text, to: width), x: x, y: y, style: style, maxWidth: width)
    }

    /// Words wrapped to `width`; returns the rows used (at most `maxRows`).
    @discardableResult
    mutating func wrapped(_ text: String, x: Int, y: Int, width: Int, maxRows: Int, style: Style) -> Int {
        var rows = 0
        var line = ""
        func flush() {
            guard rows < maxRows else { return }
            put(line, x: x, y: y + rows, style: style, maxWidth: width)
            rows += 1
            line = ""
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                flush()
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { flush() }
        return rows
    }
}
