import Foundation
import StorefrontTUI

/// Where tables and keys sit in TOML text.
///
/// TOMLKit reports lines for syntax errors only, so a message about what a value means finds its line here.
/// It reads the shapes theme files use: `[table]` headers, `key = value` lines, and top-level dotted keys or
/// inline tables (`selection.fg = …`, `selection = { … }`), which count as defining their table on that line.
struct TOMLLineIndex {
    private struct Entry: Hashable {
        var table: String
        var key: String
    }

    private var tables: [String: Int] = [:]
    private var keys: [Entry: Int] = [:]

    init(_ text: String) {
        var table = ""
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = raw.trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("[") {
                guard let close = content.firstIndex(of: "]") else { continue }
                table = Self.bare(content[..<close])
                tables[table] = tables[table] ?? line
            } else if !content.hasPrefix("#"), let equals = content.firstIndex(of: "=") {
                let path = Self.bare(content[..<equals]).split(separator: ".").map(Self.bare)
                guard let key = path.last else { continue }
                let owner = ([table] + path.dropLast()).filter { !$0.isEmpty }.joined(separator: ".")
                keys[Entry(table: owner, key: key)] = keys[Entry(table: owner, key: key)] ?? line
                let defined = ([table] + path).filter { !$0.isEmpty }.joined(separator: ".")
                tables[defined] = tables[defined] ?? line
                tables[owner] = tables[owner] ?? line
            }
        }
    }

    /// The line of `key` inside `table`, or else the line where the table begins.
    func line(table: String, key: String? = nil) -> Int? {
        if let key, let line = keys[Entry(table: table, key: key)] { return line }
        return tables[table]
    }

    private static func bare<S: StringProtocol>(_ text: S) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t\"'"))
    }
}
