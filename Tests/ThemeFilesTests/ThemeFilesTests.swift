import Foundation
import StorefrontTUI
import Testing
import ThemeFiles

/// The theme files shipped in the repository's `themes/`.
@Suite struct ThemeFilesTests {
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    private static let files: [URL] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { directory.appendingPathComponent($0) }
    }()

    private func load(_ name: String) throws -> Theme {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).toml"), encoding: .utf8)
        return try Theme.decode(toml: text, name: name, file: "themes/\(name).toml")
    }

    @Test func theRepositoryShipsTheDocumentedThemes() {
        let names = Set(Self.files.map { $0.deletingPathExtension().lastPathComponent })
        #expect(names.isSuperset(of: ["default", "light", "high-contrast", "mono", "solarized-dark", "gruvbox"]))
    }

    @Test(arguments: files)
    func everyFileDecodesAndSpellsOutEveryRole(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let name = file.deletingPathExtension().lastPathComponent
        let theme = try Theme.decode(toml: text, name: name, file: "themes/\(file.lastPathComponent)")
        #expect(theme.name == name)
        #expect(text.hasPrefix("#"), "\(file.lastPathComponent) should open with a comment explaining the format")
        let headers = Set(text.split(separator: "\n").filter { $0.hasPrefix("[") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) })
        for role in StyleRole.allCases {
            #expect(headers.contains(role.rawValue), "\(file.lastPathComponent) has no [\(role.rawValue)]")
        }
        #expect(theme[.qr] == .qr)
    }

    /// The binary carries the files as they are: `themes/embed.sh` regenerates them after an edit.
    @Test(arguments: files)
    func theBuiltInThemeIsTheRepositoryFile(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let name = file.deletingPathExtension().lastPathComponent
        #expect(Theme.shippedFiles[name].map { $0 + "\n" } == text, "run themes/embed.sh after editing themes/\(file.lastPathComponent)")
    }

    @Test func everyBuiltInThemeHasItsFile() {
        #expect(Set(Theme.shippedFiles.keys) == Set(Self.files.map { $0.deletingPathExtension().lastPathComponent }))
    }

    @Test func theBuiltInFallbackIsDefaultToml() throws {
        #expect(try load("default") == Theme.fallback)
    }

    @Test func theBuiltInMonoIsMonoToml() throws {
        #expect(try load("mono") == Theme.mono)
    }

    @Test func monoUsesAttributesOnly() {
        for role in StyleRole.allCases where role != .qr {
            #expect(Theme.mono[role].foreground == .terminalDefault)
            #expect(Theme.mono[role].background == .terminalDefault)
        }
        #expect(Theme.mono[.selection] != Theme.mono[.text])
        #expect(Theme.mono[.statusBar] != Theme.mono[.text])
    }

    /// Brought down to 256, 16 or 8 colours, no role may paint its text in its own background colour, and the
    /// selected row must still stand out from the page (mono marks it with reverse instead).
    @Test(arguments: files)
    func everyRoleStaysReadableOnEveryTerminal(file: URL) throws {
        let name = file.deletingPathExtension().lastPathComponent
        let theme = try load(name)
        for capability in ColorCapability.allCases {
            for role in StyleRole.allCases {
                let shown = theme[role].colors(for: capability)
                guard shown.foreground != .terminalDefault || shown.background != .terminalDefault else { continue }
                #expect(shown.foreground != shown.background, "\(name) [\(role.rawValue)] at \(capability)")
            }
            let selection = theme[.selection]
            #expect(selection.reverse
                || selection.colors(for: capability).background != theme[.text].colors(for: capability).background,
                "\(name) selection at \(capability)")
        }
    }

    /// Every file spells `[qr]` as black on white, and the code holds to it even when someone edits the file to
    /// invert the code: phones reject inverted codes, so no theme may change them.
    @Test(arguments: files)
    func qrStaysBlackOnWhiteInEveryShippedThemeEvenWhenEdited(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let blackOnWhite = "[qr]\nfg = \"#000000\"\nbg = \"#ffffff\""
        #expect(text.contains(blackOnWhite), "\(file.lastPathComponent) should spell [qr] as black on white")
        let inverted = text.replacingOccurrences(of: blackOnWhite,
                                                 with: "[qr]\nfg = \"white\"\nbg = \"black\"\nreverse = true")
        let theme = try Theme.decode(toml: inverted, name: "edited", file: file.lastPathComponent)
        #expect(theme[.qr] == .qr)
    }
}
