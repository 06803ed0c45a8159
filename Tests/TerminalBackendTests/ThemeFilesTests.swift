import Foundation
import StorefrontCore
import Testing

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

    @Test func theRepositoryShipsDefaultAndMono() {
        let names = Self.files.map { $0.deletingPathExtension().lastPathComponent }
        #expect(names.contains("default"))
        #expect(names.contains("mono"))
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

    @Test func defaultKeepsSelectionAndBadgesVisibleOnEveryTerminal() {
        for capability in ColorCapability.allCases {
            for role in [StyleRole.selection, .badgeSandbox, .badgeLive, .badgePresenting, .statusBar] {
                let style = Theme.fallback[role]
                #expect(style.foreground.approximated(for: capability) != style.background.approximated(for: capability),
                        "\(role) at \(capability)")
            }
        }
    }
}
