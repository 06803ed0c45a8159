import Foundation

/// zbarimg on a picture of rendered half-block lines: 4 pixels a module (a PGM file), the ink black on white as
/// on paper or a light terminal, or light on black as on a dark terminal.
public enum ZBar {
    public static let path = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The decoded text, or nil when zbarimg is not installed. A code zbarimg cannot read gives "".
    /// With `lightInkOnDark` the glyphs are light and the blanks dark, and the picture has a dark margin of 8
    /// modules around the lines, as a dark terminal has around text.
    public static func decode(_ lines: [String], lightInkOnDark: Bool = false) -> String? {
        guard let path else { return nil }
        let scale = 4
        // Lines as a terminal capture gives them (trailing blanks trimmed) are padded to one width.
        let columns = lines.map(\.count).max() ?? 0
        var rows: [[Bool]] = lines.flatMap { line -> [[Bool]] in
            let cells = (line + String(repeating: " ", count: columns - line.count)).map { ($0 == "█" || $0 == "▀", $0 == "█" || $0 == "▄") }
            return [cells.map(\.0), cells.map(\.1)]
        }
        if lightInkOnDark {
            let margin = 8
            let wide = (rows.first?.count ?? 0) + 2 * margin
            let blank = [Bool](repeating: false, count: wide)
            rows = [[Bool]](repeating: blank, count: margin)
                + rows.map { [Bool](repeating: false, count: margin) + $0 + [Bool](repeating: false, count: margin) }
                + [[Bool]](repeating: blank, count: margin)
        }
        let width = (rows.first?.count ?? 0) * scale, height = rows.count * scale
        var pixels = [UInt8]()
        for row in rows {
            let line = row.flatMap { ink in [UInt8](repeating: ink != lightInkOnDark ? 0 : 255, count: scale) }
            for _ in 0..<scale { pixels += line }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fullscreen-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? (Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)).write(to: file)) != nil else { return "" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--quiet", "--raw", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}

extension ZBar {
    /// zbarimg on a QR code drawn in ASCII: `##` a dark module, two spaces a light one, a line a row. The code is
    /// found as the block of lines holding `##`; its left edge is the leftmost `#` of that block.
    public static func decodeASCII(_ screenLines: [String]) -> String? {
        let block = screenLines.drop { !$0.contains("##") }.prefix { $0.contains("##") || $0.trimmingCharacters(in: .whitespaces).isEmpty }
        let lines = Array(block.reversed().drop { !$0.contains("##") }.reversed()).map(Array.init)
        guard let left = lines.compactMap({ $0.firstIndex(of: "#") }).min() else { return decode([]) }
        let width = lines.map { ($0.count - left + 1) / 2 }.max() ?? 0
        let rows: [[Bool]] = lines.map { line in
            (0..<width).map { module in
                let x = left + 2 * module
                return x < line.count && line[x] == "#"
            }
        }
        // Two module rows a text line, as `decode` reads half blocks, with a quiet zone of four modules.
        let quiet = [Bool](repeating: false, count: width + 8)
        let padded = [[Bool]](repeating: quiet, count: 4) + rows.map { [false, false, false, false] + $0 + [false, false, false, false] }
            + [[Bool]](repeating: quiet, count: 5)
        let halfBlocks = stride(from: 0, to: padded.count - 1, by: 2).map { y in
            String(zip(padded[y], padded[y + 1]).map { top, bottom in top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ") })
        }
        return decode(halfBlocks)
    }
}
