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
    var serverDataDirectory: URL { directory.appendingPathComponent("server") }
    /// Where `ssh` keeps the host key it accepted on first connection (`StrictHostKeyChecking=accept-new`).
    var knownHosts: String { directory.appendingPathComponent("known_hosts").path }

    static var toolsAvailable: Bool {
        ["/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/tmux"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    static var binary: URL { StorefrontBinary.url }

    /// `environment`: added to the server's (the API a listed key gets, say). `listingTheClientKey`: the
    /// client key is in the server's `--authorized-keys`.
    init(arguments: [String] = [], environment extra: [String: String] = [:], listingTheClientKey: Bool = false) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        clientKey = directory.appendingPathComponent("visitor_key").path
        let made = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", clientKey])
        #expect(made.status == 0, "\(made.stderr)")
        var arguments = arguments
        if listingTheClientKey {
            let listed = directory.appendingPathComponent("authorized_keys")
            try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: listed.path)
            arguments += ["--authorized-keys", listed.path]
        }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        environment["STOREFRONT_DATA_DIR"] = directory.appendingPathComponent("server").path
        environment.merge(extra) { _, new in new }
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
    func sshArguments(user: String = "visitor", key: String? = nil, extra: [String] = []) -> [String] {
        ["-p", "\(port)", "-o", "StrictHostKeyChecking=accept-new", "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "BatchMode=yes",
         "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-i", key ?? clientKey, "-F", "/dev/null"] + extra + ["\(user)@127.0.0.1"]
    }

    /// Runs `ssh ... COMMAND` to its end.
    func exec(_ command: String, user: String = "visitor", extra: [String] = []) async throws -> ChildProcess.Result {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh"), sshArguments(user: user, extra: extra) + [command], timeout: 120)
    }

    /// A second visitor's key pair, made in the harness's directory; returns the private key's path.
    func makeKey(named name: String) async throws -> String {
        let path = directory.appendingPathComponent(name).path
        let made = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", path])
        #expect(made.status == 0, "\(made.stderr)")
        return path
    }

    /// The key's SHA256 fingerprint as `ssh-keygen -lf` prints it.
    static func fingerprint(ofKey path: String) async throws -> String {
        let listed = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-lf", path + ".pub"])
        return try #require(listed.stdout.split(separator: " ").dropFirst().first.map(String.init), "\(listed.stderr)")
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

    /// The pids of the sessions the server started, from its log.
    var sessionPIDs: [pid_t] {
        server.stderrSoFar.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: ": pid ") else { return nil }
            return pid_t(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// Waits until the server has no child left, a zombie included (a session ended but not reaped); false,
    /// with what is left, after the hang guard.
    func waitUntilNoSessionProcess(timeout: TimeInterval = 120) async throws -> (gone: Bool, left: [ProcessTable.Entry]) {
        let deadline = Date().addingTimeInterval(timeout)
        var left = ProcessTable.children(of: server.pid)
        while Date() < deadline {
            left = ProcessTable.children(of: server.pid)
            if left.isEmpty { return (true, []) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (false, left)
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        var description: String
    }
}
