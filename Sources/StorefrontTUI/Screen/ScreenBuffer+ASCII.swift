import Foundation
import StorefrontDomain

extension ScreenBuffer {
    /// `--ascii`: every cell made plain ASCII, whatever drew it (a view's own arrow, an ellipsis from
    /// truncation, a product name with accents), so a terminal or a font without Unicode shows no garbage.
    /// Known symbols get a look-alike, letters lose their accents, anything else becomes `?`; a wide
    /// character's two cells become `?` and a blank, so nothing shifts.
    public mutating func foldToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                guard !cell.isContinuation, !cell.text.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                self[x, y] = Cell(ASCIIFold.character(cell.text), style: cell.style)
                if x + 1 < width, self[x + 1, y].isContinuation {
                    self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
                }
            }
        }
    }
}

/// One cell's text as one ASCII character.
enum ASCIIFold {
    static let lookAlikes: [Character: Character] = [
        "›": ">", "‹": "<", "»": ">", "«": "<", "→": ">", "←": "<", "↑": "^", "↓": "v", "▶": ">", "◀": "<",
        "▲": "^", "▼": "v", "…": ".", "•": "*", "·": "-", "≈": "~", "×": "x", "✓": "+", "✗": "x", "—": "-",
        "–": "-", "─": "-", "━": "-", "│": "|", "┃": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+",
        "┤": "+", "┬": "+", "┴": "+", "┼": "+", "█": "#", "▓": "#", "▒": ":", "░": ".", "▏": "_", "▌": "#",
        "▐": "#", "▀": "\"", "▄": "_", "“": "\"", "”": "\"", "‘": "'", "’": "'", "€": "E", "£": "L", "°": "o",
        "\u{00A0}": " ",
    ]

    static func character(_ text: String) -> String {
        guard let first = text.first else { return " " }
        if let mapped = lookAlikes[first] { return String(mapped) }
        let base = String(first).decomposedStringWithCanonicalMapping.unicodeScalars.first
        if let base, base.isASCII, base.properties.isAlphabetic || base.properties.numericType != nil { return String(base) }
        if first.isWhitespace { return " " }
        return "?"
    }
}
