import ChildProcesses
import Foundation

/// The team database of a soak run (`--database-url`): its team key, made with the real `storefront team init`, and
/// the outage halfway through: the server is stopped (`pg_ctl stop -m fast`, every session ended), kept down for
/// `--outage-seconds`, and started again with the options it had. The soak must run where the server is, as root or
/// as the server's owner: the data directory comes from `SHOW data_directory` (a superuser's URL), and `pg_ctl` is
/// run as the directory's owner.
struct SoakDatabase {
    let url: String
    let keyFile: URL
    let dataDirectory: String
    let owner: String
    let pgCtl: String
    let log: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func prepare(url: String, options: SoakOptions, root: URL) throws -> SoakDatabase {
        let keyFile = root.appendingPathComponent("team.key")
        var environment = ProcessInfo.processInfo.environment
        environment["STOREFRONT_TEAM_KEY_FILE"] = keyFile.path
        let initLog = root.appendingPathComponent("team-init.log")
        let initialised = try ChildProcess.start(URL(fileURLWithPath: options.storefront), ["team", "init", "--database-url", url],
                                                                       environment: environment, stdout: initLog.path, stderr: initLog.path).wait(timeout: 300)
        guard initialised.status == 0 else { throw Failure(description: "storefront team init failed; see \(initLog.path)") }

        guard let bin = Self.binaries() else { throw Failure(description: "no PostgreSQL binaries under /usr/lib/postgresql") }
        let shown = root.appendingPathComponent("data-directory.txt")
        let asked = try ChildProcess.start(URL(fileURLWithPath: bin + "/psql"), [url, "-Atc", "SHOW data_directory"],
                                                                 stdout: shown.path, stderr: initLog.path).wait(timeout: 300)
        let directory = (try? String(contentsOf: shown, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard asked.status == 0, !directory.isEmpty else {
            throw Failure(description: "cannot read the server's data directory (SHOW data_directory needs a superuser's URL); see \(initLog.path)")
        }
        let owner = (try? FileManager.default.attributesOfItem(atPath: directory)[.ownerAccountName] as? String) ?? "postgres"
        return SoakDatabase(url: url, keyFile: keyFile, dataDirectory: directory, owner: owner, pgCtl: bin + "/pg_ctl",
                            log: root.appendingPathComponent("database-outage.log"))
    }

    /// The environment a host's `storefront` runs with: the URL, the key, and the host as the agent.
    func environment(host: Int) -> [String: String] {
        ["STOREFRONT_DATABASE_URL": url, "STOREFRONT_TEAM_KEY_FILE": keyFile.path, "STOREFRONT_AGENT": "soak@host-\(host + 1)"]
    }

    /// Stops the server, waits `seconds`, starts it again with the command-line options it had (`postmaster.opts`).
    func outage(seconds: Double) throws {
        let options = try String(contentsOfFile: dataDirectory + "/postmaster.opts", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The first word is the server program; pg_ctl passes the rest through the shell, quotes as written.
        let arguments = options.firstIndex(of: " ").map { String(options[options.index(after: $0)...]) } ?? ""
        try asOwner([pgCtl, "stop", "-D", dataDirectory, "-m", "fast", "-w"])
        Thread.sleep(forTimeInterval: seconds)
        try asOwner([pgCtl, "start", "-D", dataDirectory, "-w", "-l", dataDirectory + "/soak-restart.log", "-o", arguments])
    }

    private func asOwner(_ command: [String]) throws {
        let (program, arguments) = getuid() == 0 ? ("/usr/sbin/runuser", ["-u", owner, "--"] + command) : (command[0], Array(command.dropFirst()))
        let result = try ChildProcess.start(URL(fileURLWithPath: program), arguments, stdout: log.path, stderr: log.path).wait(timeout: 300)
        guard result.status == 0 else { throw Failure(description: "\(command.prefix(2).joined(separator: " ")) failed; see \(log.path)") }
    }

    /// Debian's `postgresql` puts its programs under /usr/lib/postgresql/VERSION/bin: the newest.
    private static func binaries() -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).max().map { "/usr/lib/postgresql/\($0)/bin" }
    }
}
