import Foundation
import StorefrontTUI
import Testing
import ThemeFiles

@Suite struct ThemeCatalogTests {
    /// A scratch tree: a working directory holding a themes directory named by the environment, and an XDG
    /// config home.
    private struct Tree {
        let root: URL
        var cwd: URL { root.appendingPathComponent("cwd") }
        var configured: URL { cwd.appendingPathComponent("mythemes") }
        var config: URL { root.appendingPathComponent("config") }
        var userThemes: URL { config.appendingPathComponent("storefront/themes") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-catalog-\(UUID().uuidString)")
            for directory in [cwd.appendingPathComponent("themes"), configured, userThemes] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
        }

        func write(_ text: String, to directory: URL, name: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        func catalog() -> ThemeCatalog {
            ThemeCatalog.standard(
                environment: ["STOREFRONT_THEMES_DIR": "mythemes", "XDG_CONFIG_HOME": config.path, "HOME": root.path],
                currentDirectory: cwd.path
            )
        }

        func remove() {
            try? FileManager.default.removeItem(at: root)
        }
    }

    private static func theme(foreground: String) -> String {
        "[text]\nfg = \"\(foreground)\"\n"
    }

    static let shipped = ["default", "gruvbox", "high-contrast", "light", "mono", "solarized-dark"]

    @Test func searchesTheConfiguredDirectoryThenTheXDGConfigHome() throws {
        let tree = try Tree()
        defer { tree.remove() }
        #expect(tree.catalog().searchDirectories == [tree.configured, tree.userThemes].map { $0.standardizedFileURL.path })
    }

    @Test func userThemesLiveInTheXDGConfigHome() {
        #expect(ThemeCatalog.standard(environment: ["HOME": "/home/u"], currentDirectory: "/w").searchDirectories
            == ["/home/u/.config/storefront/themes"])
        #expect(ThemeCatalog.standard(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"], currentDirectory: "/w").searchDirectories
            == ["/cfg/storefront/themes"])
        #expect(ThemeCatalog.standard(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "relative"], currentDirectory: "/w").searchDirectories
            == ["/home/u/.config/storefront/themes"], "XDG: a relative path is ignored")
    }

    @Test func aThemesDirectoryInTheWorkingDirectoryIsNotRead() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.cwd.appendingPathComponent("themes"), name: "stray.toml")
        #expect(!tree.catalog().availableNames().contains("stray"))
    }

    @Test func theFirstDirectoryHoldingTheNameWins() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "ocean.toml")
        try tree.write(Self.theme(foreground: "blue"), to: tree.userThemes, name: "ocean.toml")
        try tree.write(Self.theme(foreground: "cyan"), to: tree.userThemes, name: "sky.toml")
        let catalog = tree.catalog()
        #expect(try catalog.load("ocean")[.text].foreground == .ansi(.red))
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
        try tree.write("[text]\nfg = \"purple\"\n", to: tree.configured, name: "broken.toml")
        let result = tree.catalog().loadOrFallback("broken")
        #expect(result.theme == Theme.fallback)
        #expect(result.problem?.description
            == #"mythemes/broken.toml line 2: [text] fg: "purple" is not a colour; use a name, 0-255 or #rrggbb"#)
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
        #expect(problem.reason.contains("built in or in mythemes, "))
        #expect(problem.reason.hasSuffix("available: default, gruvbox, high-contrast, light, mono, ocean, solarized-dark"))
    }

    @Test func theShippedThemesAnswerWhenNoFileExistsAndAUserFileReplacesOne() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let catalog = tree.catalog()
        #expect(try catalog.load("default") == Theme.fallback)
        #expect(try catalog.load("mono") == Theme.mono)
        #expect(try catalog.load("gruvbox").name == "gruvbox")
        try tree.write(Self.theme(foreground: "red"), to: tree.userThemes, name: "default.toml")
        #expect(try catalog.load("default")[.text].foreground == .ansi(.red))
    }

    @Test func listsEveryNameOnceSorted() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write(Self.theme(foreground: "red"), to: tree.configured, name: "zebra.toml")
        try tree.write(Self.theme(foreground: "red"), to: tree.userThemes, name: "amber.toml")
        try tree.write(Self.theme(foreground: "red"), to: tree.userThemes, name: "mono.toml")
        try tree.write("not a theme", to: tree.userThemes, name: "README.md")
        #expect(tree.catalog().availableNames() == (["amber", "zebra"] + Self.shipped).sorted())
    }

    @Test func theSixShippedThemesAreBuiltInWithNoFileAnywhere() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("theme-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let catalog = ThemeCatalog.standard(environment: ["HOME": empty.path], currentDirectory: empty.path)
        #expect(catalog.availableNames() == Self.shipped)
        for name in catalog.availableNames() {
            #expect(try catalog.load(name).name == name)
        }
    }
}
