import StorefrontDomain
import StorefrontTUI
import Testing

@Suite struct QRTextRendererTests {
    /// Reads rendered lines back into modules (quiet zone included), so tests compare modules, not glyphs.
    static func modules(of lines: [String], mode: QRRenderMode) -> [[Bool]] {
        switch mode {
        case .half:
            return lines.flatMap { line -> [[Bool]] in
                let cells = Array(line)
                return [cells.map { $0 == "▀" || $0 == "█" }, cells.map { $0 == "▄" || $0 == "█" }]
            }
        case .full, .ascii:
            let dark: Character = mode == .full ? "█" : "#"
            return lines.map { line in
                let cells = Array(line)
                return stride(from: 0, to: cells.count, by: 2).map { cells[$0] == dark && cells[$0 + 1] == dark }
            }
        }
    }

    /// A matrix from rows of "#" (dark) and "." (light).
    static func matrix(_ rows: [String]) throws -> QRMatrix {
        try #require(QRMatrix(size: rows.count, modules: rows.flatMap { $0.map { $0 == "#" } }))
    }

    @Test func halfBlockGlyphsInkTheDarkModules() throws {
        let lines = QRTextRenderer.lines(try Self.matrix(["#.#.", ".##.", "#...", "...."]), mode: .half)
        let blank = String(repeating: " ", count: 12)
        #expect(lines == [blank, blank, "    ▀▄█     ", "    ▀       ", blank, blank])
    }

    @Test func halfBlockRowsCarryTwoModuleRowsEach() throws {
        let matrix = try Self.matrix(["##.", ".#.", "#.#"])
        let lines = QRTextRenderer.lines(matrix, mode: .half)
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.count == 11 })
        let modules = Self.modules(of: lines, mode: .half)
        for y in -4..<7 {
            for x in -4..<7 {
                #expect(modules[y + 4][x + 4] == matrix[x, y], "module (\(x), \(y))")
            }
        }
    }

    @Test func oddModuleCountsLeaveTheLastRowsBottomHalfInTheQuietZone() throws {
        let lines = QRTextRenderer.lines(try Self.matrix(["#"]), mode: .half)
        #expect(lines.count == 5)
        #expect(lines[2] == "    ▀    ")
        #expect(lines[4] == String(repeating: " ", count: 9))
        #expect(QRTextRenderer.size(of: try Self.matrix(["#"]), mode: .half) == .init(columns: 9, rows: 5))
    }

    @Test(arguments: [QRRenderMode.full, .ascii])
    func blockModesDrawTwoColumnsAndOneRowPerModule(mode: QRRenderMode) throws {
        let matrix = try Self.matrix(["#.", ".#"])
        let lines = QRTextRenderer.lines(matrix, mode: mode)
        let ink = mode == .full ? "██" : "##"
        let quiet = String(repeating: " ", count: 8)
        #expect(lines.count == 10)
        #expect(lines[4] == quiet + ink + "  " + quiet)
        #expect(lines[5] == quiet + "  " + ink + quiet)
        #expect(lines[0] == String(repeating: " ", count: 20))
        #expect(QRTextRenderer.size(of: matrix, mode: mode) == .init(columns: 20, rows: 10))
    }

    @Test func modesCycleHalfFullAsciiAndParseFromTheirNames() {
        #expect(QRRenderMode.half.next == .full)
        #expect(QRRenderMode.full.next == .ascii)
        #expect(QRRenderMode.ascii.next == .half)
        #expect(["half", "full", "ascii"].compactMap(QRRenderMode.init(rawValue:)) == [.half, .full, .ascii])
        #expect(QRRenderMode(rawValue: "braille") == nil)
    }

    @Test func drawingCentresTheCodeAndStylesEveryCellOfItAsQR() throws {
        let matrix = try Self.matrix(["#.#", ".#.", "#.#"])
        var buffer = ScreenBuffer(width: 30, height: 12, fill: Cell("x"))
        let result = buffer.drawQR(matrix, mode: .half, in: Rect(x: 2, y: 1, width: 25, height: 10))
        let code = Rect(x: 2 + (25 - 11) / 2, y: 1 + (10 - 6) / 2, width: 11, height: 6)
        #expect(result == .drawn(code))
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if x >= code.x, x < code.maxX, y >= code.y, y < code.maxY {
                    #expect(cell.style == Style(.qr), "cell (\(x), \(y))")
                } else if x >= 2, x < 27, y >= 1, y < 11 {
                    #expect(cell == Cell(" ", style: .text), "cell (\(x), \(y))")
                } else {
                    #expect(cell == Cell("x"), "cell (\(x), \(y))")
                }
            }
        }
        let drawn = (code.y..<code.maxY).map { y in String((code.x..<code.maxX).map { Character(buffer[$0, y].text) }) }
        #expect(drawn == QRTextRenderer.lines(matrix, mode: .half))
    }

    @Test func aCodeThatFitsExactlyIsDrawn() throws {
        let matrix = try Self.matrix(["#.", ".#"])
        var buffer = ScreenBuffer(width: 20, height: 10)
        #expect(buffer.drawQR(matrix, mode: .full, in: buffer.bounds) == .drawn(buffer.bounds))
    }

    @Test func tooSmallAreasGetTheMessageWithTheExactNeededSizeAndNoCode() throws {
        let matrix = try Self.matrix(["#.#", ".#.", "#.#"])
        var buffer = ScreenBuffer(width: 40, height: 8)
        let result = buffer.drawQR(matrix, mode: .full, in: buffer.bounds)
        let shortfall = QRDrawResult.Shortfall(needed: .init(columns: 22, rows: 11), available: .init(columns: 40, rows: 8),
                                               windowNeeded: .init(columns: 40, rows: 11), window: .init(columns: 40, rows: 8))
        #expect(result == .tooSmall(shortfall))
        #expect(shortfall.message == "Window too small for the QR code: it needs a window of at least 40×11, this one is 40×8. "
            + "Enlarge the window.")
        #expect(buffer.cells.allSatisfy { $0.style != Style(.qr) })
        #expect(buffer.text.split(separator: "\n").joined(separator: " ") == shortfall.message)
    }

    @Test func theScreenEdgeClipsTheAreaSoAnOverhangingRectIsTooSmall() throws {
        let matrix = try Self.matrix(["#"])
        var buffer = ScreenBuffer(width: 12, height: 10)
        let result = buffer.drawQR(matrix, mode: .half, in: Rect(x: 4, y: 0, width: 20, height: 10))
        let expected = QRDrawResult.Shortfall(needed: .init(columns: 9, rows: 5), available: .init(columns: 8, rows: 10),
                                              windowNeeded: .init(columns: 13, rows: 10), window: .init(columns: 12, rows: 10))
        #expect(result == .tooSmall(expected))
        #expect(buffer.cells.allSatisfy { $0.style != Style(.qr) })
    }
}
