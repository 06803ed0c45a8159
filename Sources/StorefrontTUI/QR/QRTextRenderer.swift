import StorefrontDomain

/// Turns a `QRMatrix` into rows of text with a 4-module quiet zone on every side (scanners need the light
/// margin to find the code).
///
/// Dark modules are drawn as the inked part of a glyph. In `half` and `full` modes the text is meant to be
/// shown in the `.qr` style, which every theme forces to black on white, so ink is black and blanks are white
/// whatever the terminal's own colours. `ascii` mode draws dark modules as "##" and is for printing and
/// debugging: shown without colours on a light-on-dark terminal its ink is light, the code comes out
/// inverted, and many phones will not read it.
public enum QRTextRenderer {
    /// Light modules around the code on each side, as the QR specification asks.
    public static let quietZone = 4

    /// A rendered code's extent in terminal cells.
    public struct Size: Sendable, Hashable {
        public var columns: Int
        public var rows: Int

        public init(columns: Int, rows: Int) {
            self.columns = columns
            self.rows = rows
        }
    }

    /// Columns × rows the code takes in `mode`, quiet zone included.
    public static func size(of matrix: QRMatrix, mode: QRRenderMode) -> Size {
        let modules = matrix.size + 2 * quietZone
        switch mode {
        case .half: return Size(columns: modules, rows: (modules + 1) / 2)
        case .full, .ascii: return Size(columns: 2 * modules, rows: modules)
        }
    }

    /// Which modules the glyphs ink. Text drawn without colours takes the terminal's own: ink is dark on paper
    /// and light terminals, light on dark terminals, where a code inked on its dark modules reads inverted.
    public enum Ink: Sendable, Equatable {
        /// For black-on-white: the `.qr` style, paper, a light terminal.
        case darkModules
        /// For light text on a dark screen: the light modules and the quiet zone are inked, so the quiet zone
        /// stands out against the dark screen around it.
        case lightModules
    }

    /// The code as lines of text, each exactly `size(of:mode:).columns` columns wide (blanks included: they
    /// are the light modules, or with `.lightModules` the dark ones). In `half` mode an odd module count leaves
    /// the last row's bottom halves light, which is just more quiet zone.
    public static func lines(_ matrix: QRMatrix, mode: QRRenderMode = .half, ink: Ink = .darkModules) -> [String] {
        let first = -quietZone
        let end = matrix.size + quietZone
        let inked = ink == .darkModules
        func module(_ x: Int, _ y: Int) -> Bool { matrix[x, y] == inked }
        switch mode {
        case .half:
            return stride(from: first, to: end, by: 2).map { y in
                String((first..<end).map { x in halfBlock(top: module(x, y), bottom: y + 1 < end && module(x, y + 1)) })
            }
        case .full, .ascii:
            let (dark, light) = mode == .full ? ("██", "  ") : ("##", "  ")
            return (first..<end).map { y in
                (first..<end).map { x in module(x, y) ? dark : light }.joined()
            }
        }
    }

    private static func halfBlock(top: Bool, bottom: Bool) -> Character {
        switch (top, bottom) {
        case (true, true): "█"
        case (true, false): "▀"
        case (false, true): "▄"
        case (false, false): " "
        }
    }
}
