import Foundation
import StorefrontCore
import Testing

@Suite struct ThemeCatalogTests {
    /// A scratch tree: a working directory, an executable inside `repo/.build/<triple>/debug/`, a themes
    /// directory named by the environment and an XDG data directory.
    private struct Tree {
        let root: URL
        var cwd: URL { root.appendingPathComponent("cwd") }
        var configured: URL { root.appendingPathComponent("configured") }
        var repo: URL { root.appendingPathComponent("repo") }
        var executable: URL { repo.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/storefront") }
        var xdg: URL { root.appendingPathComponent("xdg") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-catalog-\(UUID().uuidString)")
            for directory in [cwd.appendingPathComponent("themes"), configured, repo.appendingPathComponent("themes"),
                              executable.deletingLastPathComponent(), xdg.appendingPathComponent("storefront/themes")] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            try Data().write(to: executable)
        }

        func write(_ text: String, to directory: URL, name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func catalog() -> ThemeCatalog {
            ThemeCatalog.standard(
                environment: ["STOREFRONT_THEMES_DIR": configured.path, "XDG_DATA_HOME": xdg.path, "HOME": root.path],
                currentDirectory: cwd.path,
                executablePath: executable.path
            )
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    private static func theme(foreground: String) -> String {
        "[text]\nfg = \"\(foreground)\"\n"
    }

    @Test func searchesInTheDocumentedOrder() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let debug = tree.executable.deletingLastPathComponent()
        let expected = [
            tree.configured, tree.cwd.appendingPathComponent("themes"), debug.appendingPathComponent("themes"),
            debug.deletingLastPathComponent().appendingPathComponent("themes"),
            tree.repo.appendingPathComponent(".build/themes"), tree.repo.appendingPathComponent("themes"),
            tree.xdg.appendingPathComponent("storefront/themes"),
        ].map { $0.standardizedFileURL.path }
        #expect(tree.catalog().searchDirectories == expected)
    }

    @Test func xdgDefaultsToLocalShare() {
        let catalog = ThemeCatalog.standard(environment: ["HOME": "/home/u"], currentDirectory: "/w", executablePath: nil)
        #expect(catalog.searchDirectories == ["/w/themes", "/home/u/.local/share/storefront/themes"])
    }

    @Test func theFirstDirectoryHoldingTheNameWins() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "ocean.toml")
        try tree.write(Self.theme(foreground: "blue"), to: tree.cwd.appendingPathComponent("themes"), name: "ocean.toml")
        try tree.write(Self.theme(foreground: "green"), to: tree.repo.appendingPathComponent("themes"), name: "forest.toml")
        try tree.write(Self.theme(foreground: "cyan"), to: tree.xdg.appendingPathComponent("storefront/themes"), name: "sky.toml")
        let catalog = tree.catalog()
        #expect(try catalog.load("ocean")[.text].foreground == .ansi(.red))
        #expect(try catalog.load("forest")[.text].foreground == .ansi(.green))
        #expect(try catalog.load("sky")[.text].foreground == .ansi(.cyan))
        #expect(try catalog.load("sky").name == "sky")
    }

    @Test func aRequestWithASlashOrTomlIsAPath() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try FileManager.default.createDirectory(at: tree.cwd.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try tree.write(Self.theme(foreground: "magenta"), to: tree.cwd.appendingPathComponent("mine"), name: "dusk.toml")
        try tree.write(Self.theme(foreground: "yellow"), to: tree.cwd, name: "noon.toml")
        let catalog = tree.catalog()
        let dusk = try catalog.load("mine/dusk.toml")
        #expect(dusk.name == "dusk")
        #expect(dusk[.text].foreground == .ansi(.magenta))
        #expect(try catalog.load("noon.toml")[.text].foreground == .ansi(.yellow))
        #expect(try catalog.load(tree.cwd.appendingPathComponent("noon.toml").path).name == "noon")
        #expect(throws: ThemeError(.notFound, file: "mine/none.toml", reason: "no such file")) {
            try catalog.load("mine/none.toml")
        }
    }

    @Test func errorsNameTheFileAsTheUserWouldTypeIt() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("[text]\nfg = \"purple\"\n", to: tree.cwd.appendingPathComponent("themes"), name: "broken.toml")
        let result = tree.catalog().loadOrFallback("broken")
        #expect(result.theme == Theme.fallback)
        #expect(result.problem?.description
            == #"themes/broken.toml line 2: [text] fg: "purple" is not a colour; use a name, 0-255 or #rrggbb"#)
    }

    @Test func anUnknownNameSaysWhereItLookedAndWhatExists() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "ocean.toml")
        let result = tree.catalog().loadOrFallback("solarized")
        #expect(result.theme == Theme.fallback)
        let problem = try #require(result.problem)
        #expect(problem.kind == .notFound)
        #expect(problem.file == "solarized.toml")
        #expect(problem.reason.contains("themes, "))
        #expect(problem.reason.hasSuffix("available: default, mono, ocean"))
    }

    @Test func builtInsAnswerWhenNoFileExists() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let catalog = tree.catalog()
        #expect(try catalog.load("default") == Theme.fallback)
        #expect(try catalog.load("mono") == Theme.mono)
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "default.toml")
        #expect(try catalog.load("default")[.text].foreground == .ansi(.red))
    }

    @Test func listsEveryNameOnceSorted() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "zebra.toml")
        try tree.write(Self.theme(foreground: "red"), to: tree.repo.appendingPathComponent("themes"), name: "amber.toml")
        try tree.write(Self.theme(foreground: "red"), to: tree.repo.appendingPathComponent("themes"), name: "mono.toml")
        try tree.write("not a theme", to: tree.repo.appendingPathComponent("themes"), name: "README.md")
        #expect(tree.catalog().availableNames() == ["amber", "default", "mono", "zebra"])
    }

    @Test func theRepositoryThemesAreFoundFromTheBuildDirectory() throws {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let executable = repository.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/storefront").path
        let catalog = ThemeCatalog.standard(environment: [:], currentDirectory: "/", executablePath: executable)
        #expect(catalog.availableNames().contains("default"))
        #expect(try catalog.load("mono") == Theme.mono)
    }
}
