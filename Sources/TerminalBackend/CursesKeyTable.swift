import CNcurses
import StorefrontTUI

/// What one `wget_wch` result means to the app.
enum CursesInput: Sendable, Equatable {
    case key(Key)
    /// ncurses saw SIGWINCH and has already resized its screen.
    case resize
    /// Bracketed paste began (`ESC [200~`): what follows until `pasteEnd` is text, not keys.
    case pasteStart
    case pasteEnd
}

/// ncurses' key codes and control characters as `Key`s, in tables so that adding a key is one line.
enum CursesKeyTable {
    /// Codes `wget_wch` returns with `KEY_CODE_YES` (keypad mode decodes the terminal's escape sequences).
    static let functionKeys: [Int32: CursesInput] = {
        var table: [Int32: CursesInput] = [
            KEY_UP: .key(.up), KEY_DOWN: .key(.down), KEY_LEFT: .key(.left), KEY_RIGHT: .key(.right),
            KEY_PPAGE: .key(.pageUp), KEY_NPAGE: .key(.pageDown), KEY_HOME: .key(.home), KEY_END: .key(.end),
            KEY_ENTER: .key(.enter), KEY_BACKSPACE: .key(.backspace), KEY_DC: .key(.delete),
            KEY_BTAB: .key(.backTab), sf_key_resize(): .resize,
            pasteStartCode: .pasteStart, pasteEndCode: .pasteEnd,
        ]
        for number in 1...12 {
            table[sf_key_f(Int32(number))] = .key(.function(number))
        }
        return table
    }()

    /// Key codes of our own, above every code ncurses defines, for the bracketed paste markers.
    static let pasteStartCode: Int32 = 0x3F0
    static let pasteEndCode: Int32 = 0x3F1

    /// The markers a terminal puts around pasted text once asked to (`ESC [?2004h`).
    static let pasteSequences: [(sequence: String, code: Int32)] = [
        ("\u{1B}[200~", pasteStartCode), ("\u{1B}[201~", pasteEndCode),
    ]

    /// Sequences terminals send for Home, End and the arrows that the terminfo entry of a mismatched `TERM`
    /// lacks (tmux sends `ESC [1~` for Home even under `TERM=xterm-256color`, which expects `ESC OH`; a
    /// terminal that ignores keypad mode sends `ESC [B` where terminfo says `ESC OB`). Taught to ncurses with
    /// `define_key`, so the keys keep working instead of arriving as Esc followed by `[` and a letter, which
    /// the app would read as other keys.
    static let alternateSequences: [(sequence: String, code: Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
        ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ("\u{1B}[A", KEY_UP), ("\u{1B}OA", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}OB", KEY_DOWN),
        ("\u{1B}[C", KEY_RIGHT), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT), ("\u{1B}OD", KEY_LEFT),
    ]

    /// Characters below space, and DEL, that are keys of their own. In raw mode Ctrl-C arrives here as 3, so the
    /// app, not a signal, decides how to quit. Ctrl-H, Ctrl-I, Ctrl-J, Ctrl-M and Ctrl-[ are the same bytes as
    /// Backspace, Tab, Enter and Esc, and mean those.
    static let controlCharacters: [UInt32: Key] = {
        var table: [UInt32: Key] = [8: .backspace, 9: .tab, 10: .enter, 13: .enter, 27: .escape, 127: .backspace]
        for (offset, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() where table[UInt32(offset + 1)] == nil {
            table[UInt32(offset + 1)] = .control(letter)
        }
        return table
    }()

    /// The input behind a `wget_wch` status and code, or nil for what the app has no key for (NUL, C1
    /// controls, function keys it does not use).
    static func decode(status: Int32, code: UInt32) -> CursesInput? {
        if status == sf_key_code_yes() {
            return functionKeys[Int32(bitPattern: code)]
        }
        guard status == sf_ok() else { return nil }
        if let key = controlCharacters[code] {
            return .key(key)
        }
        guard code >= 0x20, !(0x7F...0x9F).contains(code), let scalar = Unicode.Scalar(code) else { return nil }
        return .key(.character(Character(scalar)))
    }
}
