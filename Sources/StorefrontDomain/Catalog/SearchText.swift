import Foundation

/// Turns what a person types into the words a search looks for, ignoring case, accents and punctuation,
/// the way the full-text index reads names (so "Café", "cafe" and "CAFÉ!" are the same word).
public enum SearchText {
    /// At most this many words are searched for; the rest of a pasted paragraph is ignored.
    public static let maximumWords = 8
    /// Longer words are cut: no name has a word this long, and the index would only do extra work.
    public static let maximumWordLength = 40

    /// Lower case, accents removed, every run of characters other than letters and digits one space.
    public static func fold(_ text: String) -> String {
        words(in: text).joined(separator: " ")
    }

    /// The words of `text` to search for, in order, at most `maximumWords`.
    public static func searchWords(_ text: String) -> [String] {
        Array(words(in: text).prefix(maximumWords).map { String($0.prefix(maximumWordLength)) })
    }

    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current.removeAll()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
