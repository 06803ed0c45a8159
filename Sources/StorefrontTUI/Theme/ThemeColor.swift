import Foundation
import StorefrontDomain

/// A colour as a theme file names it, before it meets a terminal (see `approximated(for:)`).
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background: keeps the user's colours and any transparency.
    case terminalDefault
    /// One of the 16 colours of the user's terminal palette.
    case ansi(ANSIColor)
    /// An entry of the 256-colour palette; parsing turns 0–15 into `.ansi`.
    case indexed(UInt8)
    /// An exact colour, brought to the nearest palette entry on terminals without true colour.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// Reads the forms a theme file allows: "default", a name ("red", "bright-red"), "0"–"255" or "#rrggbb".
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.lowercased() == "default" {
            self = .terminalDefault
        } else if let color = ANSIColor(name: text) {
            self = .ansi(color)
        } else if let index = Int(text) {
            self.init(index: index)
        } else if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// A 256-colour palette index; the first 16 are the terminal's named colours.
    public init?(index: Int) {
        guard (0...255).contains(index) else { return nil }
        if let color = ANSIColor(rawValue: index) {
            self = .ansi(color)
        } else {
            self = .indexed(UInt8(index))
        }
    }

    /// The theme-file spelling, so messages and tests show colours the way users write them.
    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let color): color.name
        case .indexed(let index): String(index)
        case .rgb(let red, let green, let blue):
            "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// The palette index a terminal library takes, or nil for the terminal default and exact colours.
    public var paletteIndex: Int? {
        switch self {
        case .terminalDefault, .rgb: nil
        case .ansi(let color): color.rawValue
        case .indexed(let index): Int(index)
        }
    }
}
