/// Product names in narrow columns. Names of one family differ at their end ("Test Gift Card Code" and "Test
/// Gift Card Code Fail", "eSIM Europe 1GB" and "eSIM Europe 10GB"), so a name too long for its column is cut in
/// the middle, keeping its last words, rather than at the end where it would look like its neighbour.
extension DisplayWidth {
    /// `name` in at most `width` columns: whole when it fits; otherwise its start, "…", and its last whole words
    /// (up to two thirds of the width; a last word with digits, such as a phone number, whole when it leaves room for
    /// three characters of the start). When not even the last word fits, it is cut at the end as usual.
    public static func shortenKeepingEnd(_ name: String, to width: Int) -> String {
        guard of(name) > width else { return name }
        guard width >= 8 else { return truncate(name, to: width) }
        let budget = (width - 1) * 2 / 3
        var tail = ""
        for word in name.split(separator: " ").reversed() {
            let longer = tail.isEmpty ? String(word) : word + " " + tail
            let number = tail.isEmpty && word.contains(where: \.isNumber) && of(longer) <= width - 4
            guard of(longer) <= budget || number else { break }
            tail = longer
        }
        guard !tail.isEmpty else { return truncate(name, to: width) }
        var head = ""
        for character in name {
            guard of(head) + of(character) <= width - 1 - of(tail) else { break }
            head.append(character)
        }
        while head.last == " " { head.removeLast() }
        return head + "…" + tail
    }

    /// `name` shortened as `shortenKeepingEnd` does, padded with spaces to exactly `width` columns.
    public static func fitKeepingEnd(_ name: String, to width: Int) -> String {
        let cut = shortenKeepingEnd(name, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
