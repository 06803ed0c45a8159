import Foundation

/// The clipboard escape sequence: `ESC ] 52 ; c ; BASE64 BEL`. Terminals that allow it (most, some after a
/// setting; tmux with `set-clipboard on`) put the decoded text on the local clipboard, over SSH too.
enum OSC52 {
    static func sequence(copying text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
