import StorefrontDomain

/// One purchase: following it (status, next check, budget), paying it (amount, address, expiry and a QR of
/// the payment URI), then what it delivered. Codes, PINs and QR payloads stay masked until `r`.
enum PurchaseView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let body = layout.body
        guard let purchase = state.checkout.shownPurchase else {
            buffer.box(body, title: "Purchase", glyphs: glyphs, style: Style(.accent))
            buffer.put("No purchase selected: h opens the history.", x: body.x + 2, y: body.y + 2, style: Style(.muted))
            return
        }
        let details = detailsPane(state, purchase, body)
        if let code = qrCode(state, purchase) {
            drawQRPane(state, code, Rect(x: details.maxX, y: body.y, width: body.width - details.width, height: body.height), glyphs, into: &buffer)
        }
        drawDetails(state, purchase, details, glyphs, into: &buffer)
    }

    /// The left pane: the body less the QR pane when there is a code to show.
    static func detailsPane(_ state: AppState, _ purchase: Purchase, _ body: Rect) -> Rect {
        var details = body
        if let code = qrCode(state, purchase) { details.width -= qrPaneWidth(state, code, body) }
        return details
    }

    /// How the details scroll: the rows at the pane's width and how many show. Shared with the reducer, so a key
    /// scrolls exactly as far as there is something to show.
    struct Scroll {
        var rows: [Row]
        var visible: Int

        init(_ state: AppState, _ purchase: Purchase) {
            let pane = PurchaseView.detailsPane(state, purchase, Layout(width: state.width, height: state.height).body)
            rows = PurchaseView.rows(state, purchase, width: pane.width - 4)
            visible = max(1, pane.height - 2)
        }

        /// The first row shown when value `selection` is selected: just far enough down to show it and two rows after.
        func start(selection: Int) -> Int {
            let selectedRow = rows.firstIndex { $0.valueIndex == selection } ?? 0
            return max(0, min(selectedRow + 3 - visible, rows.count - visible))
        }

        /// How many rows further down the view can go than the selection alone takes it.
        func maxScrolledPast(selection: Int) -> Int {
            max(0, rows.count - visible - start(selection: selection))
        }
    }

    private static func drawDetails(_ state: AppState, _ purchase: Purchase, _ pane: Rect, _ glyphs: Glyphs,
                                    into buffer: inout ScreenBuffer) {
        buffer.box(pane, title: "Purchase \(glyphs.bullet) \(PurchaseText.stamp(purchase.createdAt)) UTC", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let width = pane.width - 4
        let scroll = Scroll(state, purchase)
        let rows = scroll.rows
        let visible = scroll.visible
        let selection = state.checkout.shown?.selection ?? 0
        let past = min(state.checkout.shown?.scrolledPast ?? 0, scroll.maxScrolledPast(selection: selection))
        let start = scroll.start(selection: selection) + past
        for (offset, row) in rows.dropFirst(start).prefix(visible).enumerated() {
            let y = pane.y + 1 + offset
            let selected = row.valueIndex != nil && row.valueIndex == selection
            var column = x + row.indent
            if !row.label.isEmpty || row.valueIndex != nil {
                let marker = selected && !row.label.isEmpty ? "›" : " "
                // One blank column always separates the label from its value, however long the label.
                buffer.row(marker + DisplayWidth.fit(row.label, to: labelWidth - 1), x: column - 1, y: y, width: labelWidth + 1,
                           style: Style(selected ? .accent : .muted, bold: selected))
                column += labelWidth
            }
            buffer.row(row.text, x: column, y: y, width: max(1, x + width - column), style: selected ? Style(.selection, bold: true) : row.style)
        }
        if start + visible < rows.count {
            buffer.put(" \(glyphs.ellipsis) more below (↓) ", x: pane.maxX - 20, y: pane.maxY - 1, style: Style(.muted))
        }
    }

    /// The code the right pane shows: the payment URI while a payment is awaited, else the selected order's
    /// (or the first) delivered QR barcode or eSIM profile.
    struct Code {
        var title: String
        var payload: String
        var caption: String
        var isHidden: Bool
        /// The payload's parts in words, for the full-screen view: address and amount, or SM-DP+ and activation code.
        var notes: [String]
    }

    static func qrCode(_ state: AppState, _ purchase: Purchase) -> Code? {
        if let uri = PurchaseValues.paymentURI(of: purchase) {
            let what = switch purchase.paymentMethod {
            case .lightning: "Lightning invoice"
            case .bitcoin: "bitcoin URI with the amount"
            default: "the address: send the amount shown"
            }
            var notes = PurchaseValues.payment(of: purchase).filter { $0.kind == .paymentAddress && purchase.paymentMethod != .lightning }
                .map { "\($0.label)  \($0.text)" }
            if let amount = purchase.payment?.amount {
                notes.append("Amount  \(amount.decimalString) \(amount.currency.code)")
            }
            return Code(title: "Scan to pay", payload: uri, caption: what, isHidden: false, notes: notes)
        }
        let values = PurchaseValues.list(for: purchase)
        let selectedOrder = state.checkout.shown.flatMap { values.indices.contains($0.selection) ? values[$0.selection].orderId : nil }
        let candidates = purchase.orders.filter { $0.redemption?.qrPayload != nil }
        guard let order = candidates.first(where: { $0.id == selectedOrder }) ?? candidates.first,
              let redemption = order.redemption, let payload = redemption.qrPayload else { return nil }
        let isESIM = redemption.lpa != nil
        let notes = PurchaseValues.values(of: order).filter { $0.kind == .smdpAddress || $0.kind == .activationCode }
            .map { "\($0.label)  \($0.text)" }
        return Code(title: isESIM ? "eSIM profile" : "Barcode", payload: payload,
                    caption: isESIM ? "scan in eSIM settings" : "show at the till",
                    isHidden: !state.isRevealed(orderId: order.id), notes: notes)
    }

    /// Wide enough for the code in the current mode when the window allows, leaving the details 44 columns;
    /// when it does not, just wide enough to say how much larger the window must be.
    private static func qrPaneWidth(_ state: AppState, _ code: Code, _ body: Rect) -> Int {
        guard case .ready(let matrix)? = state.checkout.qrCodes[code.payload] else { return 34 }
        let wanted = QRTextRenderer.size(of: matrix, mode: state.checkout.qrMode).columns + 4
        return wanted <= body.width - 44 ? max(30, wanted) : 30
    }

    private static func drawQRPane(_ state: AppState, _ code: Code, _ pane: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        buffer.box(pane, title: code.title, glyphs: glyphs, style: Style(.border))
        let area = Rect(x: pane.x + 1, y: pane.y + 1, width: pane.width - 2, height: pane.height - 3)
        buffer.row(" " + code.caption, x: area.x, y: pane.maxY - 2, width: area.width, style: Style(.muted))
        switch state.checkout.qrCodes[code.payload] {
        case .ready(let matrix)?:
            if code.isHidden {
                drawHidden(state, matrix, in: area, glyphs, into: &buffer)
            } else {
                // The pane takes the code's width plus 4 once the details keep 44 columns; rows grow with the window.
                buffer.drawQR(matrix, mode: state.checkout.qrMode, in: area, alternative: ", press Q for the code alone, or m for another mode") { needed in
                    .init(columns: max(state.width, needed.columns + 48), rows: max(state.height, state.height - area.height + needed.rows))
                }
            }
        case .failed(let message)?:
            buffer.wrapped("No QR code: \(message)", x: area.x + 1, y: area.y + 1, width: area.width - 2, maxRows: 4, style: Style(.error))
        case .encoding?, nil:
            buffer.put("Drawing the QR code\(glyphs.ellipsis)", x: area.x + 1, y: area.y + 1, style: Style(.muted), maxWidth: area.width - 2)
        }
    }

    /// In place of a secret code: a box of about its size that says how to show it.
    static func drawHidden(_ state: AppState, _ matrix: QRMatrix, in area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let size = QRTextRenderer.size(of: matrix, mode: state.checkout.qrMode)
        let width = min(area.width - 2, max(32, size.columns))
        let height = min(area.height - 2, max(5, size.rows))
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.box(box, title: nil, glyphs: glyphs, style: Style(.muted))
        let lines = ["QR hidden", state.checkout.presenting ? "(presentation mode)" : "press r to reveal"]
        for (offset, line) in lines.enumerated() {
            buffer.put(line, x: box.x + max(1, (width - DisplayWidth.of(line)) / 2), y: box.y + height / 2 - 1 + offset,
                       style: Style(.muted, bold: offset == 0), maxWidth: width - 2)
        }
    }
}
