import Foundation
import StorefrontTestSupport
import Testing

/// A command in a private tmux server's window, read back from the screen.
final class TmuxTerminal {
    let name = "sf-ssh-\(UUID().uuidString.prefix(8))"
    /// A tmux server of this terminal's own: one shared by every test ends with its last session, which can take a
    /// session just being started with it.
    var socket: String { name }
    /// The server's socket file, which tmux leaves behind when the server ends.
    private var socketPath = ""

    init(command: [String], width: Int = 120, height: Int = 40) throws {
        let line = command.map { "'\($0)'" }.joined(separator: " ")
        _ = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                 ["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                  "\(line); sleep 60"], timeout: 120)
        socketPath = (try? ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket, "display-message", "-p", "#{socket_path}"],
                                            timeout: 120).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? ""
    }

    deinit {
        _ = try? ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket, "kill-session", "-t", name], timeout: 120)
        if !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket] + arguments, timeout: 120).stdout
    }

    /// Types `text` literally, as a visitor would.
    func keys(_ text: String) async throws {
        try await tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Presses named keys (`Enter`, `Right`, `C-c`), one after another.
    func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", name] + keys)
    }

    /// Closes the window: tmux hangs up the `ssh` in it, as closing a terminal would.
    func close() async throws {
        try await tmux(["kill-session", "-t", name])
    }

    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", name])
    }

    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 120) async throws -> String {
        try await waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the catalog is loaded: the status bar shows its count and age ("Catalog 5,008 · just refreshed"),
    /// whatever the age. Waiting for "just refreshed" itself raced the clock: on a loaded machine the first look
    /// could come after its minute.
    @discardableResult
    func waitForCatalog(timeout: TimeInterval = 120) async throws -> String {
        try await waitUntil("the catalog to be loaded", timeout: timeout) { $0.contains(#/Catalog [0-9,]+ [·-] /#) }
    }

    /// Waits until the screen satisfies `condition`, failing after `timeout`: a guard against a hang.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 120, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("Timed out waiting for \(what). Screen:\n\(last)")
        return last
    }
}
