import StorefrontDomain

/// The 16 colours every colour terminal has. Their exact shades come from the user's terminal palette, which is
/// why themes that name them blend in with whatever scheme the user picked.
public enum ANSIColor: Int, Sendable, Hashable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// How theme files spell the colour: "red", "bright-red".
    public var name: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][rawValue % 8]
        return rawValue < 8 ? base : "bright-" + base
    }

    /// The colour a theme file names, case-insensitively.
    public init?(name: String) {
        guard let color = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = color
    }
}
