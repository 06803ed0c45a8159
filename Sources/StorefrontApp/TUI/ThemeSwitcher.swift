import StorefrontTUI
import TerminalBackend
import ThemeFiles

/// Which theme is on screen and how `T` moves to the next one, live.
///
/// Lives with the terminal, not in `reduce`: switching reads a theme file and re-installs the terminal's colours,
/// and both must happen on the terminal's own thread. The order is the catalog's sorted names, so pressing `T`
/// visits every theme once before coming back, whatever directory each one was found in.
public struct ThemeSwitcher: Sendable {
    private let catalog: ThemeCatalog
    /// The name the next `T` moves on from. A theme given as a path, which is not among the catalog's names,
    /// moves on to the first name.
    public private(set) var current: String

    public init(catalog: ThemeCatalog, current: String) {
        self.catalog = catalog
        self.current = current
    }

    /// The name after `current` in `names`, wrapping around; the first name when `current` is not among them.
    public static func name(after current: String, in names: [String]) -> String {
        guard let index = names.firstIndex(of: current) else { return names.first ?? Theme.fallback.name }
        return names[(index + 1) % names.count]
    }

    /// Loads the next theme and gives it to `terminal` (its next paint rewrites every cell), returning what to tell the
    /// user. A theme file with a mistake is refused with its file, line and key, and `Theme.fallback` is shown;
    /// the next `T` still moves past it.
    public mutating func advance(on terminal: any TerminalDevice) -> AppAction {
        let next = Self.name(after: current, in: catalog.availableNames())
        current = next
        let (theme, problem) = catalog.loadOrFallback(next)
        terminal.apply(theme)
        if let problem { return .themeFailed(problem.description) }
        return .themeChanged(name: theme.name)
    }
}
