import StorefrontDomain

/// `Q` on the purchase screen: the payment or eSIM code alone on the whole window, so it scans at 80×24 where
/// the pane beside the details has no room. Full blocks when they fit (bigger modules scan from further
/// away), else half blocks, which pack two module rows per text row; ASCII only with `--ascii`.
enum FullScreenQRView {
    /// Whether the purchase on screen asked for it and still has a code to show (a paid invoice's QR goes away).
    static func applies(_ state: AppState) -> Bool {
        guard state.screen == .purchase, state.checkout.shown?.showsFullScreenQR == true,
              let purchase = state.checkout.shownPurchase else { return false }
        return PurchaseView.qrCode(state, purchase) != nil
    }

    static let hint = "Q or Esc: back to the purchase"

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        guard let purchase = state.checkout.shownPurchase, let code = PurchaseView.qrCode(state, purchase) else { return }
        buffer.fill(buffer.bounds, style: .text)
        let glyphs = Glyphs.of(state)
        let window = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        switch state.checkout.qrCodes[code.payload] {
        case .ready(let matrix)?:
            if code.isHidden {
                PurchaseView.drawHidden(state, matrix, in: window, glyphs, into: &buffer)
            } else {
                let modes: [QRRenderMode] = state.asciiOnly ? [.ascii] : [.full, .half]
                buffer.drawFullScreenQR(matrix, modes: modes, notes: code.notes, hint: hint)
            }
        case .failed(let message)?:
            buffer.wrapped("No QR code: \(message)", x: 1, y: 1, width: buffer.width - 2, maxRows: 4, style: Style(.error))
        case .encoding?, nil:
            buffer.put("Drawing the QR code\(glyphs.ellipsis)", x: 1, y: 1, style: Style(.muted), maxWidth: buffer.width - 2)
        }
    }
}
