import StorefrontDomain

/// How a theme draws one role: colours plus the attributes every terminal has.
public struct ThemeStyle: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: ThemeColor = .terminalDefault,
        background: ThemeColor = .terminalDefault,
        bold: Bool = false,
        dim: Bool = false,
        underline: Bool = false,
        reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// The terminal's own colours and no attributes: what a role looks like when nothing says otherwise.
    public static let plain = ThemeStyle()

    /// Pure black modules on pure white: exact colours so that 256-colour terminals use the cube's black and
    /// white (which palette schemes leave alone) and smaller palettes the nearest named ones. Phones reject
    /// inverted or low-contrast codes, so no theme can change this.
    public static let qr = ThemeStyle(
        foreground: .rgb(red: 0, green: 0, blue: 0),
        background: .rgb(red: 255, green: 255, blue: 255)
    )

    /// This style with the emphasis a view asked for on top (a bold heading inside body text).
    public func emphasised(by style: Style) -> ThemeStyle {
        var result = self
        result.bold = bold || style.bold
        result.underline = underline || style.underline
        return result
    }
}
