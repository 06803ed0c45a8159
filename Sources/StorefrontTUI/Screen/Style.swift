import StorefrontDomain

/// What a piece of text is, not what colour it is: views name roles, themes give them colours.
public enum StyleRole: String, Sendable, Hashable, CaseIterable, Codable {
    case text, muted, accent, title, border, selection, match, statusBar, key
    case badgeSandbox = "badge-sandbox", badgeLive = "badge-live", badgePresenting = "badge-presenting"
    case success, warning, error, code, dimmed, input
    /// QR codes ignore the theme: black modules on white, always (phones reject inverted codes).
    case qr
}

/// A role plus the attributes a view adds on top of the theme's (bold for a heading inside body text, …).
public struct Style: Sendable, Hashable {
    public var role: StyleRole
    public var bold: Bool
    public var underline: Bool

    public init(_ role: StyleRole, bold: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
    }

    public static let text = Style(.text)
}
