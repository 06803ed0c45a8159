import StorefrontDomain


/// A plain-text table that fits a terminal: columns as wide as their widest cell, the flexible ones shrunk
/// (cells cut with "…") when the table is wider than the terminal, and the least important columns dropped
/// when even that is not enough. Pure: the same rows and width always give the same lines.
public struct TextTable: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// A flexible column gives up width, down to `minimumWidth`, before any column is dropped.
        public var flexible: Bool
        public var minimumWidth: Int
        /// Columns are dropped in increasing priority when the table cannot fit otherwise.
        public var priority: Int

        public init(_ title: String, alignment: Alignment = .left, flexible: Bool = false, minimumWidth: Int = 4, priority: Int = 0) {
            self.title = title
            self.alignment = alignment
            self.flexible = flexible
            self.minimumWidth = minimumWidth
            self.priority = priority
        }
    }

    public enum Alignment: Sendable { case left, right }

    public static let gap = 2

    /// The columns shown, in order, with their widths.
    let shown: [(index: Int, width: Int)]
    let columns: [Column]

    /// The widest cell of each column over the rows seen so far, titles included: fed one row at a time, so
    /// a long listing can be measured without holding it.
    public struct Measure: Sendable {
        public private(set) var widths: [Int]

        public init(columns: [Column]) {
            widths = columns.map { DisplayWidth.of($0.title) }
        }

        public mutating func include(_ row: [String]) {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }

        /// A cell already measured, `width` columns wide.
        public mutating func include(width: Int, column: Int) {
            if column < widths.count { widths[column] = max(widths[column], width) }
        }
    }

    /// Lays the table out for `width` columns of terminal; `rows` are only measured here, `line(_:)` renders.
    public init(columns: [Column], rows: [[String]], width: Int) {
        var measure = Measure(columns: columns)
        rows.forEach { measure.include($0) }
        self.init(columns: columns, measured: measure, width: width)
    }

    public init(columns: [Column], measured: Measure, width: Int) {
        self.columns = columns
        let natural = measured.widths
        var visible = Array(columns.indices)
        while true {
            let widths = Self.fit(visible.map { (columns[$0], natural[$0]) }, into: width - Self.gap * (visible.count - 1))
            if let widths {
                shown = Array(zip(visible, widths)).map { (index: $0.0, width: $0.1) }
                return
            }
            guard visible.count > 1,
                  let drop = visible.indices.min(by: { columns[visible[$0]].priority < columns[visible[$1]].priority })
            else {
                shown = visible.map { (index: $0, width: max(1, width)) }
                return
            }
            visible.remove(at: drop)
        }
    }

    /// Widths that fit `budget`, taking one column at a time from the widest flexible column, so the flexible
    /// columns end up about as wide as each other; nil when they cannot shrink enough.
    static func fit(_ columns: [(column: Column, natural: Int)], into budget: Int) -> [Int]? {
        var widths = columns.map(\.natural)
        let floors = columns.map { min($0.column.minimumWidth, $0.natural) }
        var excess = widths.reduce(0, +) - budget
        while excess > 0 {
            let shrinkable = columns.indices.filter { columns[$0].column.flexible && widths[$0] > floors[$0] }
            guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { return nil }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    public var header: String {
        line(columns.map(\.title))
    }

    /// The rule under the header.
    public var rule: String {
        shown.map { String(repeating: "─", count: $0.width) }.joined(separator: String(repeating: " ", count: Self.gap))
    }

    /// One row, cut and padded to the layout; trailing spaces removed.
    public func line(_ row: [String]) -> String {
        var parts: [String] = []
        for (index, width) in shown {
            let cell = DisplayWidth.truncate(index < row.count ? row[index] : "", to: width)
            let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(cell)))
            parts.append(columns[index].alignment == .right ? padding + cell : cell + padding)
        }
        var text = parts.joined(separator: String(repeating: " ", count: Self.gap))
        while text.last == " " { text.removeLast() }
        return text
    }
}
