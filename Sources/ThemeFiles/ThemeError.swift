import StorefrontTUI

/// Why a theme could not be used, naming the file, line and key so the user can fix it in an editor:
/// `themes/x.toml line 7: [selection] fg: "purple" is not a colour; use a name, 0-255 or #rrggbb`.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem, for callers and tests that branch on it; the message is in `reason`.
    public enum Kind: Sendable, Equatable {
        /// Not valid TOML.
        case syntax
        /// A table that is not a style role.
        case unknownRole
        /// A top-level value where a role's table belongs.
        case notATable
        /// A key inside a role other than fg, bg, bold, dim, underline, reverse.
        case unknownKey
        /// `fg` or `bg` that is not a colour.
        case badColor
        /// An attribute that is not true or false.
        case badFlag
        /// No theme file of that name or at that path.
        case notFound
        /// The file exists but could not be read as UTF-8 text.
        case unreadable
    }

    public let kind: Kind
    /// The file as the user would type it (relative to the working directory when inside it).
    public let file: String
    public let line: Int?
    /// The role and key at fault, as `[selection] fg`, or nil when the whole file is.
    public let key: String?
    public let reason: String

    public init(_ kind: Kind, file: String, line: Int? = nil, key: String? = nil, reason: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var message = file
        if let line { message += " line \(line)" }
        message += ": "
        if let key { message += key + ": " }
        return message + reason
    }
}
