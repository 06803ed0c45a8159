import StorefrontDomain

/// A named look: a style for every role the views use.
///
/// Views name roles, never colours; the terminal backend turns a theme into what the terminal can show
/// (`ThemeColor.approximated(for:)`). Built from any set of styles, a theme still answers for every role:
/// missing roles look like `text`, and `qr` is black on white whatever it was given.
public struct Theme: Sendable, Equatable {
    public let name: String
    private let styles: [StyleRole: ThemeStyle]

    public init(name: String, styles: [StyleRole: ThemeStyle]) {
        self.name = name
        let text = styles[.text] ?? .plain
        var complete: [StyleRole: ThemeStyle] = [:]
        for role in StyleRole.allCases {
            complete[role] = role == .qr ? .qr : styles[role] ?? text
        }
        self.styles = complete
    }

    /// The theme's style for a role.
    public subscript(role: StyleRole) -> ThemeStyle {
        styles[role] ?? .plain
    }

    /// How a styled cell looks: its role's style plus the emphasis the view added.
    public func resolve(_ style: Style) -> ThemeStyle {
        self[style.role].emphasised(by: style)
    }
}
