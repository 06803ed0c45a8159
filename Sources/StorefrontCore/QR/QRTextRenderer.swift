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

    /// The code as lines of text, each exactly `size(of:mode:).columns` columns wide (blanks included: they
    /// are the light modules). In `half` mode an odd module count leaves the last row's bottom halves light,
    /// which is just more quiet zone.
    public static func lines(_ matrix: QRMatrix, mode: QRRenderMode = .half) -> [String] {
        let first = -quietZone
        let end = matrix.size + quietZone
        switch mode {
        case .half:
            return stride(from: first, to: end, by: 2).map { y in
                String((first..<end).map { x in halfBlock(top: matrix[x, y], bottom: matrix[x, y + 1]) })
            }
        case .full, .ascii:
            let (dark, light) = mode == .full ? ("██", "  ") : ("##", "  ")
            return (first..<end).map { y in
                (first..<end).map { x in matrix[x, y] ? dark : light }.joined()
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
