import StorefrontTUI
import TerminalBackend
import Testing

@Suite struct PaintPlanTests {
    /// A list screen: a title, five rows, the selected one restyled the way views draw a selection bar.
    private func list(selected: Int, width: Int = 20) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: 7)
        buffer.put("Catalog", x: 0, y: 0, style: Style(.title))
        for row in 0..<5 {
            buffer.put("item \(row)", x: 2, y: row + 1, style: .text)
        }
        buffer.restyle(x: 0, y: selected + 1, width: width, style: Style(.selection))
        return buffer
    }

    @Test func anUnchangedFrameWritesNothing() {
        let plan = PaintPlan(from: list(selected: 2), to: list(selected: 2))
        #expect(plan.runs.isEmpty)
        #expect(plan.writtenCellCount == 0)
        #expect(!plan.isFullRepaint)
    }

    @Test func theFirstFrameWritesEveryCell() {
        let next = list(selected: 0)
        let plan = PaintPlan(from: nil, to: next)
        #expect(plan.isFullRepaint)
        #expect(plan.writtenCellCount == next.width * next.height)
        #expect(Set(plan.runs.map(\.y)) == Set(0..<next.height))
        #expect(plan.runs.first == PaintPlan.Run(x: 0, y: 0, cells: Array(next.cells[0..<7])))
    }

    @Test func aFrameOfAnotherSizeIsAFullRepaint() {
        let plan = PaintPlan(from: list(selected: 0, width: 30), to: list(selected: 0))
        #expect(plan.isFullRepaint)
        #expect(plan.writtenCellCount == 20 * 7)
    }

    @Test func movingTheSelectionWritesOnlyTheTwoRows() {
        let plan = PaintPlan(from: list(selected: 1), to: list(selected: 2))
        #expect(plan.runs.map(\.y) == [2, 3])
        #expect(plan.runs.map(\.x) == [0, 0])
        #expect(plan.runs[0].style == .text)
        #expect(plan.runs[1].style == Style(.selection))
        #expect(plan.writtenCellCount == 40)
    }

    @Test func changedTextWritesOnlyTheChangedCells() {
        var previous = ScreenBuffer(width: 20, height: 3)
        previous.put("apple pie", x: 1, y: 1, style: .text)
        var next = previous
        next.put("apply", x: 1, y: 1, style: .text)
        let plan = PaintPlan(from: previous, to: next)
        #expect(plan.runs == [PaintPlan.Run(x: 5, y: 1, cells: [Cell("y")])])
    }

    @Test func runsSplitWhereTheStyleChanges() {
        let previous = ScreenBuffer(width: 10, height: 1)
        var next = previous
        next.put("ab", x: 0, y: 0, style: Style(.key))
        next.put("cd", x: 2, y: 0, style: Style(.muted))
        next.put("ef", x: 5, y: 0, style: Style(.muted))
        let plan = PaintPlan(from: previous, to: next)
        #expect(plan.runs.map(\.x) == [0, 2, 5])
        #expect(plan.runs.map(\.style) == [Style(.key), Style(.muted), Style(.muted)])
        #expect(plan.runs.map { $0.cells.map(\.text).joined() } == ["ab", "cd", "ef"])
    }

    @Test func aNewWideCharacterCoversBothColumnsAndIsWrittenOnce() {
        var previous = ScreenBuffer(width: 6, height: 1)
        previous.put("abcd", x: 0, y: 0, style: .text)
        var next = previous
        next.put("中", x: 1, y: 0, style: .text)
        let plan = PaintPlan(from: previous, to: next)
        #expect(plan.runs == [PaintPlan.Run(x: 1, y: 0, cells: [Cell("中"), Cell("")])])
        #expect(plan.writtenCellCount == 1)
    }

    @Test func restylingTheRightHalfRewritesTheWholeWideCharacter() {
        var previous = ScreenBuffer(width: 6, height: 1)
        previous.put("a中b", x: 0, y: 0, style: .text)
        var next = previous
        next.restyle(x: 2, y: 0, width: 2, style: Style(.match))
        let plan = PaintPlan(from: previous, to: next)
        #expect(plan.runs.map(\.x) == [1, 3])
        #expect(plan.runs.map { $0.cells.map(\.text) } == [["中", ""], ["b"]])
        #expect(plan.runs.map(\.style) == [.text, Style(.match)])
    }

    @Test func aWideCharacterReplacedByNarrowOnesWritesBoth() {
        var previous = ScreenBuffer(width: 4, height: 1)
        previous.put("中", x: 0, y: 0, style: .text)
        var next = previous
        next.put("xy", x: 0, y: 0, style: .text)
        let plan = PaintPlan(from: previous, to: next)
        #expect(plan.runs == [PaintPlan.Run(x: 0, y: 0, cells: [Cell("x"), Cell("y")])])
    }
}
