import Foundation
import StorefrontTestSupport
import Testing

/// The real binary in a real terminal (tmux), driven with keys and read back from the screen, against the
/// embedded sandbox: what a person at the keyboard sees.
@Suite(.serialized) struct TerminalSessionTests {
    final class Session {
        let name = "sf-test-\(UUID().uuidString.prefix(8))"
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-tui-\(UUID().uuidString)")
        /// The private server's socket file, which tmux leaves behind when the server ends.
        private var socketPath: String?

        /// `binary` started in `workingDirectory` (the tests' own when nil), with `environment` added. `locale`:
        /// `env` words that set the program's locale variables (`-u LANG LC_CTYPE=UTF-8`, as a macOS terminal
        /// sends); by default the test process's own.
        init(width: Int = 120, height: Int = 40, arguments: [String] = [], binary: URL = CommandLineTests.binary,
             workingDirectory: URL? = nil, environment: [String: String] = [:], locale: String = "") throws {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            let command = ([binary.path] + arguments).joined(separator: " ")
            let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            try tmuxNow(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
                        + (workingDirectory.map { ["-c", $0.path] } ?? [])
                        + ["env \(locale) STOREFRONT_DATA_DIR=\(dataDirectory.path) TERM=xterm-256color \(variables) \(command); sleep 60"])
            socketPath = try? tmuxNow(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        deinit {
            _ = try? tmuxNow(["kill-session", "-t", name])
            if let socketPath { try? FileManager.default.removeItem(atPath: socketPath) }
            try? FileManager.default.removeItem(at: dataDirectory)
        }

        func keys(_ keys: String...) async throws {
            for key in keys {
                try await tmux(["send-keys", "-t", name] + (key.count == 1 ? ["-l", key] : [key]))
                try await Task.sleep(for: .milliseconds(150))
            }
        }

        func type(_ text: String) async throws {
            try await tmux(["send-keys", "-t", name, "-l", text])
        }

        func screen() async throws -> String {
            try await tmux(["capture-pane", "-p", "-t", name])
        }

        /// Waits until the screen shows `text` (the app answers asynchronously), failing after `timeout`, a
        /// guard against a hang rather than a time limit.
        @discardableResult
        func waitFor(_ text: String, timeout: TimeInterval = 120) async throws -> String {
            try await waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
        }

        /// Waits until the catalog is loaded: the status bar shows its count and age, whatever the age. Waiting for
        /// "just refreshed" itself raced the clock: on a loaded machine the first look could come after its minute.
        @discardableResult
        func waitForCatalog(timeout: TimeInterval = 120) async throws -> String {
            try await waitUntil("the catalog to be loaded", timeout: timeout) { $0.contains(#/Catalog [0-9,]+ [·-] /#) }
        }

        /// Waits until the screen satisfies `condition` in two equal captures in a row (a capture can catch the
        /// terminal half-way through a frame), failing after `timeout`.
        @discardableResult
        func waitUntil(_ what: String, timeout: TimeInterval = 120, _ condition: (String) -> Bool) async throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                let previous = last
                last = try await screen()
                if condition(last), last == previous { return last }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("Timed out waiting for \(what). Screen:\n\(last)")
            return last
        }

        /// A tmux server of this session's own, so tests neither see nor disturb the user's sessions nor each other's:
        /// buffers and global options belong to a server, and a server shared by every test ends with its last session,
        /// which can take a session just being started with it (a screen that stayed empty for two minutes, once).
        var socket: String { name }

        /// Waits by suspending, not blocking: the sandbox tests beside these need the concurrency pool's threads.
        /// A tmux command that fails (the session is gone) throws with what tmux said, rather than reading as an
        /// empty screen until a wait runs out.
        @discardableResult
        func tmux(_ arguments: [String]) async throws -> String {
            try Self.checked(await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket] + arguments, timeout: 120),
                             arguments)
        }

        @discardableResult
        func tmuxNow(_ arguments: [String]) throws -> String {
            try Self.checked(ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket] + arguments, timeout: 120),
                             arguments)
        }

        private static func checked(_ result: ChildProcess.Result, _ arguments: [String]) throws -> String {
            guard result.status == 0 else { throw TmuxFailure(command: arguments.first ?? "", status: result.status, said: result.stderr) }
            return result.stdout
        }
    }

    struct TmuxFailure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let said: String
        var description: String { "tmux \(command) exited \(status): \(said)" }
    }

    static var tmuxAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func searchPickAddToCartAndOpenTheCart() async throws {
        let session = try Session()
        try await session.waitFor("SANDBOX")
        try await session.waitForCatalog()
        try await session.keys("/")
        try await session.type("cafe muller")
        try await session.waitFor("(1) ")
        try await session.keys("Enter", "a")
        try await session.waitFor("Add to cart: Café Müller")
        try await session.keys("Tab", "+", "Enter")
        let added = try await session.waitFor("Cart 2/20")
        #expect(added.contains("Added 2 × Café Müller"))
        try await session.keys("c")
        let cart = try await session.waitFor("Cart · 2/20 units")
        #expect(cart.contains("After purchase"))
        try await session.keys("q")
        try await session.waitFor("y  quit")
        try await session.keys("y")
        let after = try await session.screen()
        #expect(!after.contains("SANDBOX"), "the terminal is given back on quit")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func aSmallWindowSaysHowLargeItMustBe() async throws {
        let session = try Session(width: 70, height: 20)
        let screen = try await session.waitFor("Terminal too small")
        #expect(screen.contains("at least 80x24"))
        try await session.keys("q")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func emptySearchSaysSoAndEscClears() async throws {
        let session = try Session()
        try await session.waitForCatalog()
        try await session.keys("/")
        try await session.type("zzqx")
        let screen = try await session.waitFor("0 results for 'zzqx'")
        #expect(screen.contains("Esc") && screen.contains("clears"))
        try await session.keys("Escape")
        try await session.waitFor("/ search")
        try await session.keys("C-c")
    }

    /// What only a real terminal sends: a bracketed paste (its line break is text, not Enter) and Home.
    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func aPasteIsOneTextAndHomeMovesTheCursor() async throws {
        let session = try Session()
        try await session.waitForCatalog()
        try await session.keys("/")
        try await session.tmux(["set-buffer", "-b", "sf-paste", "cafe\nmu"])
        try await session.tmux(["paste-buffer", "-p", "-d", "-b", "sf-paste", "-t", session.name])
        try await session.waitFor("/ cafe mu▏")
        try await session.type("ller")
        try await session.waitFor("/ cafe muller▏", timeout: 30)
        try await session.keys("Home")
        try await session.type("x")
        try await session.waitFor("/ x▏cafe muller", timeout: 30)
        try await session.keys("C-c")
    }
}
