import Foundation
import StorefrontTestSupport
import Testing

/// The real binary in a real terminal (tmux), driven with keys and read back from the screen, against the
/// embedded sandbox: what a person at the keyboard sees.
@Suite(.serialized) struct TerminalSessionTests {
    final class Session {
        let name = "sf-test-\(UUID().uuidString.prefix(8))"
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-tui-\(UUID().uuidString)")

        init(width: Int = 120, height: Int = 40, arguments: [String] = []) throws {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            let command = ([CommandLineTests.binary.path] + arguments).joined(separator: " ")
            try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                      "env STOREFRONT_DATA_DIR=\(dataDirectory.path) TERM=xterm-256color \(command); sleep 60"])
        }

        deinit {
            _ = try? tmux(["kill-session", "-t", name])
            try? FileManager.default.removeItem(at: dataDirectory)
        }

        func keys(_ keys: String...) throws {
            for key in keys {
                try tmux(["send-keys", "-t", name] + (key.count == 1 ? ["-l", key] : [key]))
                Thread.sleep(forTimeInterval: 0.15)
            }
        }

        func type(_ text: String) throws {
            try tmux(["send-keys", "-t", name, "-l", text])
        }

        func screen() throws -> String {
            try tmux(["capture-pane", "-p", "-t", name])
        }

        /// Waits until the screen shows `text` (the app answers asynchronously), failing after `timeout`.
        @discardableResult
        func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("Timed out waiting for \"\(text)\". Screen:\n\(last)")
            return last
        }

        /// A private tmux server, so tests neither see nor disturb the user's own sessions.
        static let socket = "storefront-tests"

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", Self.socket] + arguments,
                                              timeout: 20)
            return result.stdout
        }
    }

    static var tmuxAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func searchPickAddToCartAndOpenTheCart() throws {
        let session = try Session()
        try session.waitFor("SANDBOX")
        try session.waitFor("just refreshed")
        try session.keys("/")
        try session.type("cafe muller")
        try session.waitFor("(1) ")
        try session.keys("Enter", "a")
        try session.waitFor("Add to cart: Café Müller")
        try session.keys("Tab", "+", "Enter")
        let added = try session.waitFor("Cart 2/20")
        #expect(added.contains("Added 2 × Café Müller"))
        try session.keys("c")
        let cart = try session.waitFor("Cart · 2/20 units")
        #expect(cart.contains("After purchase"))
        try session.keys("q")
        try session.waitFor("y  quit")
        try session.keys("y")
        let after = try session.screen()
        #expect(!after.contains("SANDBOX"), "the terminal is given back on quit")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func aSmallWindowSaysHowLargeItMustBe() throws {
        let session = try Session(width: 70, height: 20)
        let screen = try session.waitFor("Terminal too small")
        #expect(screen.contains("at least 80x24"))
        try session.keys("q")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is installed by .ci/run"))
    func emptySearchSaysSoAndEscClears() throws {
        let session = try Session()
        try session.waitFor("just refreshed")
        try session.keys("/")
        try session.type("zzqx")
        let screen = try session.waitFor("0 results for 'zzqx'")
        #expect(screen.contains("Esc") && screen.contains("clears"))
        try session.keys("Escape")
        try session.waitFor("/ search")
        try session.keys("C-c")
    }
}
