import Foundation
import StorefrontTUI
import TerminalBackend
import StorefrontApp
import Testing
import ThemeFiles

/// `T` at the terminal: which theme comes next, that the terminal gets it, and what the user is told.
@Suite struct ThemeSwitcherTests {
    private static let repositoryThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    private static let shipped = ThemeCatalog(searchDirectories: [repositoryThemes], currentDirectory: "/")

    @Test func theNextNameWrapsAroundAndAStrangerStartsAtTheFirst() {
        let names = ["default", "light", "mono"]
        #expect(ThemeSwitcher.name(after: "default", in: names) == "light")
        #expect(ThemeSwitcher.name(after: "mono", in: names) == "default")
        #expect(ThemeSwitcher.name(after: "my-own", in: names) == "default")
    }

    @Test func pressingTVisitsEveryShippedThemeOnceAndTheTerminalGetsEach() {
        let names = Self.shipped.availableNames()
        let terminal = HeadlessTerminal(width: 80, height: 24)
        var switcher = ThemeSwitcher(catalog: Self.shipped, current: "solarized-dark")
        let start = names.firstIndex(of: "solarized-dark") ?? 0
        let expected = (1...names.count).map { names[(start + $0) % names.count] }

        let actions = expected.map { _ in switcher.advance(on: terminal) }

        #expect(actions == expected.map { AppAction.themeChanged(name: $0) })
        #expect(terminal.appliedThemes.map(\.name) == expected)
        #expect(terminal.appliedThemes.last == (try? Self.shipped.load("solarized-dark")))
        #expect(switcher.current == "solarized-dark")
    }

    @Test func aBrokenThemeIsRefusedWithFileLineAndKeyAndTheDefaultIsShown() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ text: String, _ name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("[text]\nfg = \"#5f87af\"\n", "amber.toml")
        try write("[text]\nfg = \"red\"\n\n[selection]\nbg = \"purple\"\n", "broken.toml")
        let catalog = ThemeCatalog(searchDirectories: [directory.path], currentDirectory: directory.path)
        let terminal = HeadlessTerminal(width: 80, height: 24)
        var switcher = ThemeSwitcher(catalog: catalog, current: "amber")

        let refused = switcher.advance(on: terminal)

        #expect(refused == .themeFailed(
            #"broken.toml line 5: [selection] bg: "purple" is not a colour; use a name, 0-255 or #rrggbb"#))
        #expect(terminal.appliedThemes == [Theme.fallback])
        #expect(switcher.advance(on: terminal) == .themeChanged(name: "default"), "the next T moves past it")
    }
}
