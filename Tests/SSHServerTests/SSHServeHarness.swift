import Foundation
import StorefrontTestSupport
import Testing

/// A running `storefront ssh serve` on a free loopback port with a temporary data directory, and the real
/// OpenSSH client pointed at it.
final class SSHServeHarness {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-ssh-test-\(UUID().uuidString)")
    let server: ChildProcess.Running
    let port: Int
    let clientKey: String

    static var toolsAvailable: Bool {
        ["/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/tmux"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    static var binary: URL { StorefrontBinary.url }

    init(arguments: [String] = []) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clientKey = directory.appendingPathComponent("visitor_key").path
        let made = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", clientKey])
        #expect(made.status == 0, "\(made.stderr)")
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        environment["STOREFRONT_DATA_DIR"] = directory.appendingPathComponent("server").path
        server = try ChildProcess.start(Self.binary, ["ssh", "serve", "--port", "0"] + arguments, environment: environment)
        port = try await Self.boundPort(of: server)
    }

    deinit {
        server.killNow()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func boundPort(of server: ChildProcess.Running) async throws -> Int {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            for line in server.stdoutSoFar.split(separator: "\n") where line.hasPrefix("Storefront over SSH on ") {
                if let port = line.split(separator: ":").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) }) {
                    return port
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessFailure(description: "the server did not start: \(server.stderrSoFar)")
    }

    /// The `ssh` arguments for this server, without a command.
    func sshArguments(user: String = "visitor", extra: [String] = []) -> [String] {
        ["-p", "\(port)", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
         "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-i", clientKey, "-F", "/dev/null"] + extra + ["\(user)@127.0.0.1"]
    }

    /// Runs `ssh ... COMMAND` to its end.
    func exec(_ command: String, extra: [String] = []) async throws -> ChildProcess.Result {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh"), sshArguments(extra: extra) + [command], timeout: 120)
    }

    /// Waits until the server's log has a line containing `text`; returns the log.
    @discardableResult
    func waitForLog(_ text: String, timeout: TimeInterval = 120) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let log = server.stderrSoFar
            if log.contains(text) { return log }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("Timed out waiting for \"\(text)\" in the server log:\n\(server.stderrSoFar)")
        return server.stderrSoFar
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        var description: String
    }
}
