import ChildProcesses
import Foundation

/// A `storefront ssh serve` on a free loopback port for the benchmark, with a visitor key and the `ssh`
/// command line that reaches it.
final class SSHBenchServer {
    let process: ChildProcess.Running
    var pid: pid_t { process.pid }
    let port: Int
    let directory: URL
    let key: String
    let visitor = "visitor@127.0.0.1"

    static func start(storefront: String, maxSessions: Int, under root: URL) throws -> SSHBenchServer {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let key = root.appendingPathComponent("visitor_key").path
        guard try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", key], timeout: 30).status == 0 else {
            throw SSHBenchmark.Failure(description: "ssh-keygen could not make a key")
        }
        let output = root.appendingPathComponent("server.out").path
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        environment["STOREFRONT_DATA_DIR"] = root.appendingPathComponent("server").path
        let process = try ChildProcess.start(URL(fileURLWithPath: storefront), [
            "ssh", "serve", "--port", "0", "--max-sessions", "\(maxSessions)", "--max-sessions-per-address", "\(maxSessions + 10)",
            "--connections-per-minute", "1000", "--idle-timeout", "0",
        ], environment: environment, stdout: output, stderr: root.appendingPathComponent("server.log").path)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Storefront over SSH on ") }),
               let port = line.split(separator: ":").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) }) {
                return SSHBenchServer(process: process, port: port, directory: root, key: key)
            }
            usleep(20_000)
        }
        process.killNow()
        throw SSHBenchmark.Failure(description: "the server did not start within 60 s")
    }

    private init(process: ChildProcess.Running, port: Int, directory: URL, key: String) {
        self.process = process
        self.port = port
        self.directory = directory
        self.key = key
    }

    /// `ssh` and its options for this server, without the destination.
    var ssh: [String] {
        ["/usr/bin/ssh", "-p", "\(port)", "-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-i", key]
    }

    var clientEnvironment: [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": directory.path, "TERM": "xterm-256color", "LANG": "C.UTF-8"]
    }

    /// The environment of the same storefront run locally, on a fresh data directory like a visitor's.
    func localEnvironment(_ dataDirectory: String) -> [String: String] {
        var environment = clientEnvironment
        environment["STOREFRONT_DATA_DIR"] = dataDirectory
        return environment
    }

    /// One more session than the limit allows: its exit status and what it was told.
    func execBeyondTheLimit() throws -> (status: Int32, message: String) {
        let said = directory.appendingPathComponent("refused.err").path
        let status = try ChildProcess.start(URL(fileURLWithPath: ssh[0]), Array(ssh.dropFirst()) + [visitor, "ping"], environment: clientEnvironment,
                                            stdout: "/dev/null", stderr: said).wait(timeout: 60).status
        return (status, ((try? String(contentsOfFile: said, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func stop() {
        kill(pid, SIGTERM)
        _ = process.wait(timeout: 5)
    }
}
