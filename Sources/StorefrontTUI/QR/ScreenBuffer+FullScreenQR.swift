import StorefrontDomain

extension ScreenBuffer {
    /// The whole buffer given to one code: the first of `modes` (largest first) whose code fits the window,
    /// centred, with `notes` (the payload's parts, then how to leave) on the rows under it, each only when it fits
    /// whole. A code that fits in no mode is never clipped: the message names the window it needs in the last
    /// (densest) mode.
    @discardableResult
    public mutating func drawFullScreenQR(_ matrix: QRMatrix, modes: [QRRenderMode], notes: [String], hint: String) -> QRDrawResult {
        fill(bounds, style: .text)
        let window = QRTextRenderer.Size(columns: width, rows: height)
        let densest = modes.last ?? .half
        guard let mode = modes.first(where: { Self.fits(QRTextRenderer.size(of: matrix, mode: $0), in: window) }) else {
            let needed = QRTextRenderer.size(of: matrix, mode: densest)
            let shortfall = QRDrawResult.Shortfall(
                needed: needed, available: window,
                windowNeeded: .init(columns: max(width, needed.columns), rows: max(height, needed.rows)), window: window)
            let used = wrapped(shortfall.message, x: 1, y: 1, width: max(1, width - 2), maxRows: max(1, height - 2),
                               style: Style(.warning, bold: true))
            wrapped(hint, x: 1, y: 1 + used + 1, width: max(1, width - 2), maxRows: max(0, height - used - 3), style: Style(.muted))
            return .tooSmall(shortfall)
        }
        let size = QRTextRenderer.size(of: matrix, mode: mode)
        let under = Array((notes + [hint]).filter { DisplayWidth.of($0) <= width }.prefix(height - size.rows))
        let code = Rect(x: (width - size.columns) / 2, y: (height - size.rows - under.count) / 2, width: size.columns, height: size.rows)
        drawQRLines(matrix, mode: mode, at: code)
        for (offset, line) in under.enumerated() {
            let isHint = offset == under.count - 1 && line == hint
            put(line, x: (width - DisplayWidth.of(line)) / 2, y: code.maxY + offset, style: Style(isHint ? .muted : .text, bold: !isHint))
        }
        return .drawn(code)
    }

    private static func fits(_ size: QRTextRenderer.Size, in window: QRTextRenderer.Size) -> Bool {
        size.columns <= window.columns && size.rows <= window.rows
    }
}
