import StorefrontDomain

extension Theme {
    /// The look when no theme file can be read: the same as `themes/default.toml` (a test keeps them equal), so
    /// a broken or missing file costs the user nothing but the message saying why.
    public static let fallback = Theme(name: "default", styles: [
        .text: ThemeStyle(),
        .muted: ThemeStyle(foreground: .indexed(245)),
        .accent: ThemeStyle(foreground: .rgb(red: 0x5F, green: 0xAF, blue: 0xFF)),
        .title: ThemeStyle(foreground: .rgb(red: 0x87, green: 0xD7, blue: 0xFF), bold: true),
        .border: ThemeStyle(foreground: .ansi(.brightBlack)),
        .selection: ThemeStyle(
            foreground: .rgb(red: 0xFF, green: 0xFF, blue: 0xFF),
            background: .rgb(red: 0x00, green: 0x5F, blue: 0x87),
            bold: true
        ),
        .match: ThemeStyle(foreground: .rgb(red: 0xFF, green: 0xD7, blue: 0x5F), bold: true, underline: true),
        .statusBar: ThemeStyle(foreground: .indexed(252), background: .indexed(236)),
        .key: ThemeStyle(foreground: .rgb(red: 0xFF, green: 0xAF, blue: 0x5F), bold: true),
        .badgeSandbox: ThemeStyle(
            foreground: .ansi(.black),
            background: .rgb(red: 0xFF, green: 0xD7, blue: 0x5F),
            bold: true
        ),
        .badgeLive: ThemeStyle(
            foreground: .ansi(.brightWhite),
            background: .rgb(red: 0xD7, green: 0x00, blue: 0x00),
            bold: true
        ),
        .badgePresenting: ThemeStyle(
            foreground: .ansi(.black),
            background: .rgb(red: 0xAF, green: 0x87, blue: 0xFF),
            bold: true
        ),
        .success: ThemeStyle(foreground: .rgb(red: 0x87, green: 0xD7, blue: 0x87)),
        .warning: ThemeStyle(foreground: .rgb(red: 0xFF, green: 0xD7, blue: 0x5F)),
        .error: ThemeStyle(foreground: .rgb(red: 0xFF, green: 0x5F, blue: 0x5F), bold: true),
        .code: ThemeStyle(foreground: .rgb(red: 0xFF, green: 0xFF, blue: 0xAF), bold: true),
        .dimmed: ThemeStyle(foreground: .ansi(.brightBlack)),
        .input: ThemeStyle(foreground: .ansi(.brightWhite), background: .indexed(237)),
    ])

    /// Attributes only, in the terminal's own colours: for `NO_COLOR` and terminals without colour. Roles stay
    /// distinguishable by bold, dim, underline and reverse; only the QR code keeps its black on white, because
    /// a code the phone cannot read is worse than one coloured exception. Same as `themes/mono.toml`.
    public static let mono = Theme(name: "mono", styles: [
        .text: ThemeStyle(),
        .muted: ThemeStyle(dim: true),
        .accent: ThemeStyle(bold: true),
        .title: ThemeStyle(bold: true, underline: true),
        .border: ThemeStyle(dim: true),
        .selection: ThemeStyle(bold: true, reverse: true),
        .match: ThemeStyle(bold: true, underline: true),
        .statusBar: ThemeStyle(reverse: true),
        .key: ThemeStyle(bold: true),
        .badgeSandbox: ThemeStyle(bold: true, reverse: true),
        .badgeLive: ThemeStyle(bold: true, reverse: true),
        .badgePresenting: ThemeStyle(bold: true, reverse: true),
        .success: ThemeStyle(bold: true),
        .warning: ThemeStyle(bold: true),
        .error: ThemeStyle(bold: true, underline: true),
        .code: ThemeStyle(bold: true),
        .dimmed: ThemeStyle(dim: true),
        .input: ThemeStyle(underline: true),
    ])
}
