import StorefrontDomain

/// What happened when a QR code was asked for: drawn whole, or refused because it would have been clipped
/// (a clipped code does not scan).
public enum QRDrawResult: Sendable, Hashable {
    /// The code, quiet zone included, occupies this rect.
    case drawn(Rect)
    /// The message was drawn instead.
    case tooSmall(Shortfall)

    /// A code that did not fit: its size, the usable part of the rect, and the terminal window (columns × rows)
    /// that would show it next to the window it has. People resize windows, not panes, so the message names those.
    public struct Shortfall: Sendable, Hashable {
        public var needed: QRTextRenderer.Size
        public var available: QRTextRenderer.Size
        public var windowNeeded: QRTextRenderer.Size
        public var window: QRTextRenderer.Size
        /// What else might show it: "press Q for the full-screen code" in a pane, nothing on the full screen.
        public var alternative: String

        public init(needed: QRTextRenderer.Size, available: QRTextRenderer.Size, windowNeeded: QRTextRenderer.Size,
                    window: QRTextRenderer.Size, alternative: String = "") {
            self.needed = needed
            self.available = available
            self.windowNeeded = windowNeeded
            self.window = window
            self.alternative = alternative
        }

        public var message: String {
            "Window too small for the QR code: it needs a window of at least \(windowNeeded.columns)×\(windowNeeded.rows), "
                + "this one is \(window.columns)×\(window.rows). Enlarge the window\(alternative)."
        }
    }
}

extension ScreenBuffer {
    /// Clears `rect` and draws the code centred in it, every cell of the code and its quiet zone in the `.qr`
    /// style (black on white in every theme). When the code does not fit in the part of `rect` that is on
    /// screen, draws the too-small message there instead and never a clipped code. `windowNeeded` turns the
    /// code's size into the window that would fit it; by default the rect grows with the window cell for cell.
    @discardableResult
    public mutating func drawQR(_ matrix: QRMatrix, mode: QRRenderMode = .half, in rect: Rect, alternative: String = "",
                                windowNeeded: ((QRTextRenderer.Size) -> QRTextRenderer.Size)? = nil) -> QRDrawResult {
        let left = max(rect.x, 0), top = max(rect.y, 0)
        let area = Rect(x: left, y: top, width: min(rect.maxX, width) - left, height: min(rect.maxY, height) - top)
        fill(area, style: .text)
        let needed = QRTextRenderer.size(of: matrix, mode: mode)
        guard needed.columns <= area.width, needed.rows <= area.height else {
            let window = QRTextRenderer.Size(columns: width, rows: height)
            let grown = QRTextRenderer.Size(columns: width + max(0, needed.columns - area.width), rows: height + max(0, needed.rows - area.height))
            let shortfall = QRDrawResult.Shortfall(needed: needed, available: .init(columns: area.width, rows: area.height),
                                                   windowNeeded: windowNeeded?(needed) ?? grown, window: window, alternative: alternative)
            wrapped(shortfall.message, x: area.x, y: area.y, width: area.width, maxRows: area.height,
                    style: Style(.warning, bold: true))
            return .tooSmall(shortfall)
        }
        let code = Rect(x: area.x + (area.width - needed.columns) / 2, y: area.y + (area.height - needed.rows) / 2,
                        width: needed.columns, height: needed.rows)
        drawQRLines(matrix, mode: mode, at: code)
        return .drawn(code)
    }

    /// The code's lines at `code`'s corner, in the `.qr` style.
    mutating func drawQRLines(_ matrix: QRMatrix, mode: QRRenderMode, at code: Rect) {
        for (offset, line) in QRTextRenderer.lines(matrix, mode: mode).enumerated() {
            put(line, x: code.x, y: code.y + offset, style: Style(.qr))
        }
    }
}
