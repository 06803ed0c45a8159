import StorefrontTUI


/// The cells to write to turn the frame on screen into the next one: only those that differ, grouped into runs
/// of neighbouring cells in one style so a painter sets attributes once per run.
///
/// Kept apart from ncurses so "moving the selection one row writes two rows" is a unit test, not a hope.
public struct PaintPlan: Sendable, Equatable {
    /// Neighbouring changed cells of one row that share a style.
    public struct Run: Sendable, Equatable {
        public let x: Int
        public let y: Int
        /// The cells from column `x` on. The right halves of wide characters (text "") are kept so columns line
        /// up, but paint nothing: the wide character to their left covers them.
        public let cells: [Cell]

        public init(x: Int, y: Int, cells: [Cell]) {
            self.x = x
            self.y = y
            self.cells = cells
        }

        public var style: Style { cells[0].style }
    }

    public let runs: [Run]
    /// Whether every cell is written: there was no previous frame, or it had another size.
    public let isFullRepaint: Bool

    /// The cells a painter writes (wide characters once, their right halves not at all).
    public var writtenCellCount: Int {
        runs.reduce(0) { $0 + $1.cells.count { !$0.isContinuation } }
    }

    public init(from previous: ScreenBuffer?, to next: ScreenBuffer) {
        let comparable = previous.flatMap { $0.width == next.width && $0.height == next.height ? $0 : nil }
        isFullRepaint = comparable == nil
        var runs: [Run] = []
        for y in 0..<next.height {
            let changed = Self.changedColumns(of: y, from: comparable, to: next)
            var x = 0
            while x < next.width {
                guard changed[x] else {
                    x += 1
                    continue
                }
                let start = x
                let style = next[x, y].style
                var cells = [next[x, y]]
                x += 1
                while x < next.width, changed[x], next[x, y].isContinuation || next[x, y].style == style {
                    cells.append(next[x, y])
                    x += 1
                }
                runs.append(Run(x: start, y: y, cells: cells))
            }
        }
        self.runs = runs
    }

    /// Which columns of row `y` must be written. A wide character is written whole: when either half changed,
    /// both are marked, so a restyled right half repaints its character and a new character covers both columns.
    private static func changedColumns(of y: Int, from previous: ScreenBuffer?, to next: ScreenBuffer) -> [Bool] {
        var changed = (0..<next.width).map { x in previous.map { $0[x, y] != next[x, y] } ?? true }
        for x in 0..<next.width where changed[x] {
            if x > 0, next[x, y].isContinuation { changed[x - 1] = true }
            if x + 1 < next.width, next[x + 1, y].isContinuation { changed[x + 1] = true }
        }
        return changed
    }
}
