/// What happened when a QR code was asked for: drawn whole, or refused because it would have been clipped
/// (a clipped code does not scan).
public enum QRDrawResult: Sendable, Hashable {
    /// The code, quiet zone included, occupies this rect.
    case drawn(Rect)
    /// The message was drawn instead.
    case tooSmall(Shortfall)

    /// A code that did not fit: its size, the usable part of the rect, and what to tell the person.
    public struct Shortfall: Sendable, Hashable {
        public var needed: QRTextRenderer.Size
        public var available: QRTextRenderer.Size

        public init(needed: QRTextRenderer.Size, available: QRTextRenderer.Size) {
            self.needed = needed
            self.available = available
        }

        public var message: String {
            "Window too small for the QR code: needs at least \(needed.columns)×\(needed.rows), "
                + "have \(available.columns)×\(available.rows). Enlarge the window or press m for another mode."
        }
    }
}

extension ScreenBuffer {
    /// Clears `rect` and draws the code centred in it, every cell of the code and its quiet zone in the `.qr`
    /// style (black on white in every theme). When the code does not fit in the part of `rect` that is on
    /// screen, draws the too-small message there instead and never a clipped code.
    @discardableResult
    public mutating func drawQR(_ matrix: QRMatrix, mode: QRRenderMode = .half, in rect: Rect) -> QRDrawResult {
        let left = max(rect.x, 0), top = max(rect.y, 0)
        let area = Rect(x: left, y: top, width: min(rect.maxX, width) - left, height: min(rect.maxY, height) - top)
        fill(area, style: .text)
        let needed = QRTextRenderer.size(of: matrix, mode: mode)
        guard needed.columns <= area.width, needed.rows <= area.height else {
            let shortfall = QRDrawResult.Shortfall(needed: needed, available: .init(columns: area.width, rows: area.height))
            wrapped(shortfall.message, x: area.x, y: area.y, width: area.width, maxRows: area.height,
                    style: Style(.warning, bold: true))
            return .tooSmall(shortfall)
        }
        let code = Rect(x: area.x + (area.width - needed.columns) / 2, y: area.y + (area.height - needed.rows) / 2,
                        width: needed.columns, height: needed.rows)
        for (offset, line) in QRTextRenderer.lines(matrix, mode: mode).enumerated() {
            put(line, x: code.x, y: code.y + offset, style: Style(.qr))
        }
        return .drawn(code)
    }
}
