import Foundation
import StorefrontApp
import Testing

@Suite struct PreferencesTests {
    @Test func theThemeAndPresentationModeAreRememberedAndOptionsWin() throws {
        let directory = DataDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("storefront-prefs-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: directory.url) }
        #expect(Preferences.load(from: directory) == Preferences())
        try Preferences(theme: "solarized", presenting: true).save(in: directory)
        let loaded = Preferences.load(from: directory)
        #expect(loaded.theme(option: nil, environment: [:]) == "solarized")
        #expect(loaded.theme(option: "mono", environment: [:]) == "mono")
        #expect(loaded.theme(option: nil, environment: ["STOREFRONT_THEME": "dark"]) == "dark")
        #expect(loaded.presenting(option: false))
        #expect(Preferences().presenting(option: true))
        #expect(!Preferences().presenting(option: false))
        let mode = try FileManager.default.attributesOfItem(atPath: directory.file(Preferences.fileName).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
