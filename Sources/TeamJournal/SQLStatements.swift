import Foundation

/// Splits a migration step into the statements PostgreSQL's extended protocol takes one at a time.
///
/// A `;` ends a statement only outside quoted text: a plpgsql body between `$$` (or `$tag$`) quotes, a `'string'`,
/// a `"identifier"`, a `-- comment` or a `/* comment */` keeps its own semicolons. Text is only ever our own
/// migrations, so this knows PostgreSQL's quoting, not the whole grammar.
enum SQLStatements {
    static func split(_ text: String) -> [String] {
        let characters = Array(text)
        var statements: [String] = []
        var start = 0
        var index = 0

        func skip(past terminator: [Character]) {
            while index < characters.count {
                if characters[index...].starts(with: terminator) {
                    index += terminator.count
                    return
                }
                index += 1
            }
        }

        while index < characters.count {
            let character = characters[index]
            switch character {
            case "'", "\"":
                // A doubled quote inside is an escaped one: skipping it as an end and a start keeps both halves inside.
                index += 1
                skip(past: [character])
            case "-" where characters[index...].starts(with: ["-", "-"]):
                skip(past: ["\n"])
            case "/" where characters[index...].starts(with: ["/", "*"]):
                index += 2
                skip(past: ["*", "/"])
            case "$":
                if let tag = dollarTag(characters, at: index) {
                    index += tag.count
                    skip(past: tag)
                } else {
                    index += 1
                }
            case ";":
                statements.append(String(characters[start..<index]))
                index += 1
                start = index
            default:
                index += 1
            }
        }
        statements.append(String(characters[start...]))
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// `$$` or `$tag$` opening a dollar quote at `index`; nil for a positional parameter such as `$1`.
    private static func dollarTag(_ characters: [Character], at index: Int) -> [Character]? {
        var end = index + 1
        while end < characters.count, characters[end] == "_" || characters[end].isLetter || (end > index + 1 && characters[end].isNumber) {
            end += 1
        }
        guard end < characters.count, characters[end] == "$" else { return nil }
        return Array(characters[index...end])
    }
}
