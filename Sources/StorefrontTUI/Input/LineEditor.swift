import Foundation
import StorefrontDomain

/// The editing keys every one-line text field shares, so that no field forgets one: a character or a paste
/// inserts at the cursor, Backspace deletes before it, Ctrl-U clears, Ctrl-W deletes the word before the
/// cursor, Home/End and ←→ move it.
public enum LineEditor {
    /// The text after `key`, or nil when the key is not an editing key (the caller's screen handles it).
    /// `cursorFromEnd` counts the characters after the cursor (0: at the end). Nothing is added beyond
    /// `limit` characters; a paste loses its control characters and line breaks.
    public static func edit(_ text: String, _ key: Key, limit: Int, cursorFromEnd: inout Int) -> String? {
        let split = text.index(text.endIndex, offsetBy: -min(max(0, cursorFromEnd), text.count))
        var before = String(text[..<split])
        let after = String(text[split...])
        switch key {
        case .character(let character):
            guard text.count < limit else { return text }
            before.append(character)
        case .paste(let pasted):
            let clean = Sanitizer.clean(pasted).trimmingCharacters(in: .whitespaces)
            before += clean.prefix(max(0, limit - text.count))
        case .backspace:
            _ = before.popLast()
        case .delete:
            cursorFromEnd = max(0, after.count - 1)
            return before + String(after.dropFirst())
        case .control("u"):
            cursorFromEnd = 0
            return ""
        case .control("w"):
            while before.last == " " { before.removeLast() }
            while let last = before.last, last != " " { before.removeLast() }
        case .home:
            cursorFromEnd = text.count
            return text
        case .end:
            cursorFromEnd = 0
            return text
        case .left:
            cursorFromEnd = min(text.count, after.count + 1)
            return text
        case .right:
            cursorFromEnd = max(0, after.count - 1)
            return text
        default:
            return nil
        }
        cursorFromEnd = after.count
        return before + after
    }

    /// Whether `key` edits text rather than commands a screen.
    public static func isEditing(_ key: Key) -> Bool {
        var ignored = 0
        return edit("", key, limit: 1, cursorFromEnd: &ignored) != nil
    }

    /// The text with the cursor glyph where the cursor is.
    public static func show(_ text: String, cursorFromEnd: Int, glyph: String) -> String {
        let split = text.index(text.endIndex, offsetBy: -min(max(0, cursorFromEnd), text.count))
        return String(text[..<split]) + glyph + String(text[split...])
    }
}

/// The one-line text fields, so the cursor knows which field it is in.
public enum TextFieldID: String, Sendable, Equatable {
    case search, refundAddress, email, ticket, iccid, planFilter, phoneNumber, phoneCountry, historyFilter, accountFilter
    case addValue, addPhone
}

/// Where the cursor is in the field being edited. One is enough: only one field has the focus at a time, and
/// a cursor left in another field counts as at the end.
public struct LineCursor: Sendable, Equatable {
    public var field: TextFieldID?
    /// Characters after the cursor.
    public var fromEnd = 0

    public init(field: TextFieldID? = nil, fromEnd: Int = 0) {
        self.field = field
        self.fromEnd = fromEnd
    }
}

extension AppState {
    /// `text`, the content of `field`, edited by `key`; nil when the key does not edit text.
    mutating func edit(_ text: String, in field: TextFieldID, _ key: Key, limit: Int) -> String? {
        var fromEnd = cursorFromEnd(in: field, of: text)
        guard let edited = LineEditor.edit(text, key, limit: limit, cursorFromEnd: &fromEnd) else { return nil }
        lineCursor = LineCursor(field: field, fromEnd: fromEnd)
        return edited
    }

    func cursorFromEnd(in field: TextFieldID, of text: String) -> Int {
        lineCursor.field == field ? min(lineCursor.fromEnd, text.count) : 0
    }

    /// The field's text with the cursor drawn where it is.
    func showingCursor(_ text: String, in field: TextFieldID, glyph: String) -> String {
        LineEditor.show(text, cursorFromEnd: cursorFromEnd(in: field, of: text), glyph: glyph)
    }
}
