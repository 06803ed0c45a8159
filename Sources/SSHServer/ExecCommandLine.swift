/// The words of an `ssh host COMMAND` line, split as a POSIX shell would split plain words and quotes
/// (no expansion, no operators: nothing here is ever given to a shell).
public enum ExecCommandLine {
    public struct SplitError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static func words(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch (quote, character) {
            case (nil, "\\"), ("\"", "\\"):
                escaped = true
                inWord = true
            case (nil, "'"), (nil, "\""):
                quote = character
                inWord = true
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case (nil, " "), (nil, "\t"), (nil, "\n"):
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else {
            throw SplitError(description: "The command has an unclosed quote or a trailing backslash.")
        }
        if inWord { words.append(current) }
        return words
    }
}
