import StorefrontDomain

/// One terminal cell: a grapheme cluster (or "" for the second column of a wide character) and its style.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .text) {
        self.text = text
        self.style = style
    }

    /// The right half of a wide character: painted by the cell to its left.
    public var isContinuation: Bool { text.isEmpty }
}

public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// The whole screen as a value at an explicit size. Views draw into it; the terminal backend paints the cells
/// that differ from the previous frame. Text is measured in display columns, so wide characters take two
/// cells and never straddle the clip edge.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = Cell()) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills a rectangle (clipped to the screen) with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style) {
        let blank = Cell(" ", style: style)
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = blank
            }
        }
    }

    /// Writes `text` from column `x` on row `y`, clipped to `maxWidth` columns and to the screen.
    /// Returns the columns used. A wide character that would not fit whole is left out.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? width, width - max(0, x))
        var column = x
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A lone combining mark joins the previous cell.
                if column > 0, column - 1 >= x, column - 1 < width {
                    let previous = column - 1 - (self[column - 1, y].isContinuation ? 1 : 0)
                    if previous >= 0 { self[previous, y].text.append(character) }
                }
                continue
            }
            guard used + columns <= limit else { break }
            if column >= 0 {
                self[column, y] = Cell(String(character), style: style)
                if columns == 2, column + 1 < width { self[column + 1, y] = Cell("", style: style) }
            }
            column += columns
            used += columns
        }
        return used
    }

    /// Restyles the cells of a row segment, keeping their text (selection bars, match highlights).
    public mutating func restyle(x: Int, y: Int, width columns: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + columns) {
            self[column, y].style = style
        }
    }

    /// The screen as plain text, one line per row with trailing blanks trimmed: what snapshot tests compare.
    public var text: String {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                line += self[x, y].text
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
