import CNcurses
import StorefrontTUI

/// How this terminal session shows colour, decided once at start from the terminal and `NO_COLOR`.
struct CursesColorMode {
    /// The palette theme colours are brought to; nil when the terminal has no colours at all.
    let capability: ColorCapability?
    /// Whether roles are drawn with attributes only (`NO_COLOR`, or no colours): `Theme.mono` replaces the theme.
    let monochrome: Bool
    /// Whether colour -1 means the terminal's own colours (`use_default_colors`); else white on black stands in.
    let terminalDefaults: Bool

    /// Starts colour if the terminal has it. Exact (`#rrggbb`) colours go to the nearest of 256 even where
    /// `COLORTERM` announces true colour: ncurses could only show them by redefining palette entries, which
    /// some terminals keep after exit.
    static func start(environment: [String: String]) -> CursesColorMode {
        guard has_colors() else {
            return decide(environment: environment, colorCount: nil, terminalDefaults: true)
        }
        start_color()
        let terminalDefaults = use_default_colors() == sf_ok()
        return decide(environment: environment, colorCount: Int(sf_colors()), terminalDefaults: terminalDefaults)
    }

    /// The mode for a terminal with `colorCount` colours (nil: none). `NO_COLOR` set to anything but the empty
    /// string turns colours off (https://no-color.org), so every theme is drawn as `Theme.mono`.
    static func decide(environment: [String: String], colorCount: Int?, terminalDefaults: Bool) -> CursesColorMode {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return CursesColorMode(
            capability: colorCount.map(ColorCapability.init(colorCount:)),
            monochrome: noColor || colorCount == nil,
            terminalDefaults: terminalDefaults
        )
    }

    /// The theme actually drawn for a requested one.
    func effective(_ theme: Theme) -> Theme {
        monochrome ? .mono : theme
    }
}

/// The ncurses attributes and colour pair of every role, after installing one pair per role.
struct CursesPalette {
    private struct Look {
        var attributes: attr_t
        var pair: Int16
    }

    private let looks: [StyleRole: Look]

    /// Defines colour pairs 1…n, one per role, for `theme` as `mode` can show it.
    static func install(_ theme: Theme, mode: CursesColorMode) -> CursesPalette {
        var looks: [StyleRole: Look] = [:]
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = mode.effective(theme)[role]
            var pair: Int16 = 0
            if let capability = mode.capability {
                pair = Int16(index + 1)
                let colors = style.colors(for: capability)
                let foreground = number(of: colors.foreground, fallback: COLOR_WHITE, mode: mode)
                let background = number(of: colors.background, fallback: COLOR_BLACK, mode: mode)
                init_pair(pair, foreground, background)
            }
            looks[role] = Look(attributes: attributes(of: style), pair: pair)
        }
        return CursesPalette(looks: looks)
    }

    /// What to hand `setcchar` for a cell: its role's look plus the view's emphasis.
    func look(for style: Style) -> (attributes: attr_t, pair: Int16) {
        let look = looks[style.role] ?? Look(attributes: sf_a_normal(), pair: 0)
        var attributes = look.attributes
        if style.bold { attributes |= sf_a_bold() }
        if style.underline { attributes |= sf_a_underline() }
        return (attributes, look.pair)
    }

    /// The ncurses colour number of an already approximated colour; the terminal's own colour is -1 where
    /// `use_default_colors` worked, else `fallback`.
    private static func number(of color: ThemeColor, fallback: Int32, mode: CursesColorMode) -> Int16 {
        if let index = color.paletteIndex { return Int16(index) }
        return Int16(mode.terminalDefaults ? -1 : fallback)
    }

    private static func attributes(of style: ThemeStyle) -> attr_t {
        var attributes = sf_a_normal()
        if style.bold { attributes |= sf_a_bold() }
        if style.dim { attributes |= sf_a_dim() }
        if style.underline { attributes |= sf_a_underline() }
        if style.reverse { attributes |= sf_a_reverse() }
        return attributes
    }
}
