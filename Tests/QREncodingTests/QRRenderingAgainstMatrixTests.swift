import QREncoding
import StorefrontDomain
import StorefrontTUI
import Testing

/// The text renderers checked module by module against what libqrencode produced, for the kinds of text the
/// storefront shows as codes.
@Suite struct QRRenderingAgainstMatrixTests {
    static let lpa = "LPA:1$smdp.example.com$ABCD-1234-EFGH-5678"
    static let bitcoin = "bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.00123456"

    /// Reads rendered lines back into modules, quiet zone included; `nil` for a glyph no mode draws.
    static func modules(of lines: [String], mode: QRRenderMode) -> [[Bool?]] {
        switch mode {
        case .half:
            return lines.flatMap { line -> [[Bool?]] in
                let cells = Array(line).map { glyph -> (Bool, Bool)? in
                    switch glyph {
                    case "█": (true, true)
                    case "▀": (true, false)
                    case "▄": (false, true)
                    case " ": (false, false)
                    default: nil
                    }
                }
                return [cells.map { $0?.0 }, cells.map { $0?.1 }]
            }
        case .full, .ascii:
            let dark = mode == .full ? "██" : "##"
            return lines.map { line in
                let cells = Array(line)
                return stride(from: 0, to: cells.count, by: 2).map { index -> Bool? in
                    switch String(cells[index...min(index + 1, cells.count - 1)]) {
                    case dark: true
                    case "  ": false
                    default: nil
                    }
                }
            }
        }
    }

    /// Checks every module, the 4-module light quiet zone on each side, and in half mode the extra light
    /// half row an odd module count leaves at the bottom.
    static func expectMatches(_ lines: [String], _ matrix: QRMatrix, mode: QRRenderMode) {
        let side = matrix.size + 8
        let size = QRTextRenderer.size(of: matrix, mode: mode)
        #expect(lines.count == size.rows)
        #expect(lines.allSatisfy { $0.count == size.columns })
        let modules = modules(of: lines, mode: mode)
        #expect(modules.count == (mode == .half ? side + 1 : side))
        for row in 0..<side {
            for column in 0..<side {
                let x = column - 4, y = row - 4
                let inQuietZone = x < 0 || y < 0 || x >= matrix.size || y >= matrix.size
                #expect(modules[row][column] == (inQuietZone ? false : matrix[x, y]), "\(mode) module (\(x), \(y))")
            }
        }
        if mode == .half {
            #expect(modules[side].allSatisfy { $0 == false }, "the last row's bottom halves are quiet zone")
        }
    }

    @Test(arguments: [lpa, bitcoin], QRRenderMode.allCases)
    func everyModeDecodesBackToTheLibqrencodeMatrix(text: String, mode: QRRenderMode) throws {
        let matrix = try QREncoder.encode(text)
        #expect(matrix.size % 2 == 1, "QR codes have an odd number of modules per side")
        Self.expectMatches(QRTextRenderer.lines(matrix, mode: mode), matrix, mode: mode)
    }

    @Test(arguments: QRRenderMode.allCases)
    func aCodeDrawnIntoTheScreenReadsBackAsTheMatrix(mode: QRRenderMode) throws {
        let matrix = try QREncoder.encode(Self.lpa)
        var buffer = ScreenBuffer(width: 120, height: 60)
        guard case let .drawn(code) = buffer.drawQR(matrix, mode: mode, in: buffer.bounds) else {
            Issue.record("a \(matrix.size)-module code should fit in 120×60 in \(mode) mode")
            return
        }
        let lines = (code.y..<code.maxY).map { y in (code.x..<code.maxX).map { buffer[$0, y].text }.joined() }
        Self.expectMatches(lines, matrix, mode: mode)
        for y in code.y..<code.maxY {
            for x in code.x..<code.maxX {
                #expect(buffer[x, y].style == Style(.qr))
            }
        }
    }

    @Test func tooSmallWindowsAreToldTheBitcoinCodesExactSize() throws {
        let matrix = try QREncoder.encode(Self.bitcoin)
        let side = matrix.size + 8
        var buffer = ScreenBuffer(width: 80, height: 24)
        for (mode, needed) in [(QRRenderMode.half, (side, (side + 1) / 2)), (.full, (2 * side, side)), (.ascii, (2 * side, side))] {
            let rect = Rect(x: 0, y: 0, width: needed.0 - 1, height: needed.1)
            let result = buffer.drawQR(matrix, mode: mode, in: rect)
            let available = (min(80, needed.0 - 1), min(24, needed.1))
            let window = (80 + needed.0 - available.0, 24 + needed.1 - available.1)
            let shortfall = QRDrawResult.Shortfall(needed: .init(columns: needed.0, rows: needed.1),
                                                   available: .init(columns: available.0, rows: available.1),
                                                   windowNeeded: .init(columns: window.0, rows: window.1), window: .init(columns: 80, rows: 24))
            #expect(result == .tooSmall(shortfall))
            #expect(shortfall.message.hasPrefix("Window too small for the QR code: it needs a window of at least \(window.0)×\(window.1), this one is 80×24."))
        }
    }
}
