import StorefrontDomain

/// A key press, as the app understands it. The terminal backend turns what the terminal sends into these.
public enum Key: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Ctrl plus a letter, lowercase: `.control("l")` is Ctrl-L.
    case control(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// Text pasted in one go (bracketed paste), as the terminal sent it: untrusted until `LineEditor` cleans it.
    case paste(String)

    /// How help and status bars name the key: "Enter", "Ctrl-L", "PgDn", "/".
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .control(let letter): "Ctrl-\(letter.uppercased())"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let number): "F\(number)"
        case .paste: "paste"
        }
    }
}
