import Foundation

/// What the TUI remembers between starts in the data directory (`preferences.json`, owner-only): the theme
/// last shown and whether presentation mode was on. An option given at start wins over both.
public struct Preferences: Codable, Sendable, Equatable {
    public static let fileName = "preferences.json"

    public var theme: String?
    public var presenting: Bool?

    public init(theme: String? = nil, presenting: Bool? = nil) {
        self.theme = theme
        self.presenting = presenting
    }

    /// What was saved; nothing remembered when the file is missing or unreadable (a preference is never worth
    /// refusing to start over).
    public static func load(from directory: DataDirectory) -> Preferences {
        guard let data = try? Data(contentsOf: directory.file(fileName)),
              let preferences = try? JSONDecoder().decode(Preferences.self, from: data) else { return Preferences() }
        return preferences
    }

    public func save(in directory: DataDirectory) throws(ConfigurationError) {
        try directory.prepare()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        try ReceiptFile.writePrivately(data, to: directory.file(Self.fileName))
    }

    /// The theme to start with: the option, else `STOREFRONT_THEME`, else the remembered one, else "default".
    public func theme(option: String?, environment: [String: String]) -> String {
        option ?? environment["STOREFRONT_THEME"] ?? theme ?? "default"
    }

    /// Presentation mode at start: `--present` turns it on; otherwise as it was left.
    public func presenting(option: Bool) -> Bool {
        option || (presenting ?? false)
    }
}
