import Foundation
import StorefrontTestSupport
import Testing

/// The binary installed as the README says (copied on its own to a directory of the PATH), started far from
/// the repository: every shipped theme is still there, and a user's own theme is found in the XDG config home.
@Suite(.serialized) struct InstalledThemesTests {
    /// A copy of the binary alone in an empty directory, and an empty home.
    final class Install {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-install-\(UUID().uuidString)")
        var bin: URL { root.appendingPathComponent("bin") }
        var home: URL { root.appendingPathComponent("home") }
        var binary: URL { bin.appendingPathComponent("storefront") }

        init() throws {
            for directory in [bin, home] { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
            try FileManager.default.copyItem(at: CommandLineTests.binary, to: binary)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func session(_ arguments: [String]) throws -> TerminalSessionTests.Session {
            try TerminalSessionTests.Session(arguments: arguments, binary: binary, workingDirectory: home,
                                             environment: ["HOME": home.path, "XDG_CONFIG_HOME": "", "STOREFRONT_THEMES_DIR": ""])
        }
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aCopiedBinaryCyclesThroughAllSixThemesAndTakesGruvboxByName() async throws {
        let install = try Install()
        let session = try install.session(["--theme", "gruvbox"])
        let first = try await session.waitFor("SANDBOX")
        #expect(!first.contains("no theme named"), "\(first)")
        // `T` visits the names in sorted order, from the one in use.
        for name in ["high-contrast", "light", "mono", "solarized-dark", "default", "gruvbox"] {
            try await session.keys("T")
            let screen = try await session.waitFor("Theme: \(name)", timeout: 30)
            #expect(!screen.contains("Using the default theme"), "\(screen)")
        }
        try await session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aUserThemeInTheConfigHomeIsFound() async throws {
        let install = try Install()
        let themes = install.home.appendingPathComponent(".config/storefront/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "[text]\nfg = \"red\"\n".write(to: themes.appendingPathComponent("ocean.toml"), atomically: true, encoding: .utf8)
        let session = try install.session(["--theme", "ocean"])
        let screen = try await session.waitFor("SANDBOX")
        #expect(!screen.contains("no theme named"), "\(screen)")
        try await session.keys("C-c")
    }
}
