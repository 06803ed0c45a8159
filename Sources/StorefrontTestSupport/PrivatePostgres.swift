import Foundation
import Synchronization

/// A PostgreSQL server of the test run's own: `initdb` into a fresh temp directory, listening only on a unix socket
/// in that directory, `fsync=off`, stopped and removed when the test process exits. One per test process, started on
/// first use and shared by every suite (`PrivatePostgres.shared()`); each suite takes a database of its own
/// (`makeDatabase()`), so suites running in parallel never see each other's rows.
///
/// Tests run as root here and in CI, and `initdb` refuses root, so the cluster belongs to the `postgres` OS user
/// (`runuser`). A run that was killed leaves its server behind: the next run stops and removes it before starting
/// its own, so a stale server never blocks anything (and, on a socket in its own directory, never clashes).
public final class PrivatePostgres: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case step(String, ChildProcess.Result)
        case notReady(String)

        public var description: String {
            switch self {
            case .step(let what, let result): "\(what) failed (exit \(result.status)): \(result.stderr)\(result.stdout)"
            case .notReady(let directory): "the private PostgreSQL in \(directory) did not accept connections within 60 s"
            }
        }
    }

    /// The directory holding the cluster (`data/`), its log and its socket.
    public let directory: URL
    /// The superuser the tests connect as (trust authentication, on the socket only).
    public let user = "postgres"
    let binaries: URL

    /// The folder of `initdb`, `pg_ctl` and `pg_isready`: Debian's `postgresql` package puts them under
    /// `/usr/lib/postgresql/VERSION/bin` (the newest wins), which is not on PATH.
    public static let binariesDirectory: URL? = {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let newest = versions.compactMap(Int.init).sorted().last
        if let newest {
            let bin = root.appendingPathComponent("\(newest)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let bin = URL(fileURLWithPath: String(folder))
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path),
               FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("pg_ctl").path) {
                return bin
            }
        }
        return nil
    }()

    /// Whether a private server can be started here: the tests that need one are disabled otherwise.
    public static var available: Bool { binariesDirectory != nil }

    private static let prefix = "storefront-pg-"
    private static let sharedServer: Result<PrivatePostgres, any Error> = {
        Result { try PrivatePostgres.start() }
    }()

    /// The server of this test process, started on first use.
    public static func shared() throws -> PrivatePostgres {
        try sharedServer.get()
    }

    private init(directory: URL, binaries: URL) {
        self.directory = directory
        self.binaries = binaries
    }

    /// The socket directory, as libpq's `host=` and postgres-nio's unix socket path want it.
    public var socketDirectory: String { directory.path }
    public var socketPath: String { directory.appendingPathComponent(".s.PGSQL.5432").path }

    /// A new, empty database on this server, named uniquely.
    public func makeDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try run("createdb", ["-h", socketDirectory, "-U", user, name], what: "createdb \(name)")
        return name
    }

    /// Runs `psql` on `database` with one statement and returns what it printed (unaligned, tuples only).
    public func psql(_ database: String, _ sql: String) throws -> String {
        let result = try psql(database, as: user, sql)
        guard result.status == 0 else { throw Failure.step("psql", result) }
        return result.stdout
    }

    /// A server of one test's own, for a test that stops and starts it (the shared one serves suites running beside
    /// it); stopped and removed when the test process exits.
    public static func startOwn() throws -> PrivatePostgres {
        try start()
    }

    /// Stale servers are removed once, before this process's first start: later, a server of this process starting at
    /// the same moment could be taken for one (its directory is made before its owner file) and removed.
    private static let staleServersRemoved = Mutex(false)

    /// Every server this process started (the shared one and those of tests' own), for `stopAtExit`.
    private static let started = Mutex<[PrivatePostgres]>([])

    /// Stops the server as a restart for maintenance does (`pg_ctl stop -m fast`): every connection is ended at once,
    /// and what was committed stays for `startServer` (an immediate stop would lose the last commits here, where
    /// `synchronous_commit` is off).
    public func stopServer() throws {
        try run("pg_ctl", ["stop", "-D", dataDirectory, "-m", "fast", "-w"], what: "pg_ctl stop", asServerOwner: true)
    }

    /// Starts the server on its data directory and waits until it accepts connections. One server serves every suite
    /// at once, and each storefront process a test starts opens connections of its own (its journal's pool, the rate
    /// budget's, a placement's, an `ssh serve`'s background check), twenty at a time in the racing tests: PostgreSQL's
    /// default of 100 connections ran out in a full run ("too many clients already"), so the server allows 400.
    public func startServer() throws {
        let options = "-k \(directory.path) -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
        try run("pg_ctl", ["start", "-W", "-D", dataDirectory, "-l", directory.appendingPathComponent("log").path, "-o", options],
                what: "pg_ctl start", asServerOwner: true)
        try waitUntilReady()
    }

    private var dataDirectory: String { directory.appendingPathComponent("data").path }

    /// Runs the real `psql` logged in as `role` (trust on the socket: no password), succeeding or not: what a
    /// database role may do "even with psql".
    public func psql(_ database: String, as role: String, _ sql: String) throws -> ChildProcess.Result {
        try ChildProcess.run(binaries.appendingPathComponent("psql"),
                             ["-h", socketDirectory, "-U", role, "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             timeout: 60)
    }

    private static func start() throws -> PrivatePostgres {
        guard let binaries = binariesDirectory else { throw Failure.notReady("(PostgreSQL is not installed)") }
        staleServersRemoved.withLock { removed in
            if !removed { removeStaleServers(binaries: binaries) }
            removed = true
        }
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent(prefix + UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try String(getpid()).write(to: directory.appendingPathComponent("owner.pid"), atomically: true, encoding: .utf8)
        if getuid() == 0 {
            let chown = try ChildProcess.run(URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres:postgres", directory.path])
            guard chown.status == 0 else { throw Failure.step("chown \(directory.path) to postgres", chown) }
        }
        let server = PrivatePostgres(directory: directory, binaries: binaries)
        try server.run("initdb", ["-D", server.dataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--no-locale"],
                       what: "initdb", asServerOwner: true)
        _ = atexitOnce
        started.withLock { $0.append(server) }
        try server.startServer()
        return server
    }

    private static let atexitOnce: Void = { atexit { PrivatePostgres.stopAtExit() } }()

    /// Polls `pg_isready` until the server answers; bounded, so a server that never comes up fails the test
    /// instead of hanging it.
    private func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let probe = try ChildProcess.run(binaries.appendingPathComponent("pg_isready"), ["-h", socketDirectory, "-U", user, "-q"],
                                             timeout: 10)
            if probe.status == 0 { return }
            usleep(20_000)
        }
        throw Failure.notReady(directory.path)
    }

    /// Stops the servers this process started and removes their directories as the test process exits.
    private static func stopAtExit() {
        for server in started.withLock({ $0 }) { server.stop() }
    }

    func stop() {
        _ = try? run("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w"],
                     what: "pg_ctl stop", asServerOwner: true)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops and removes servers left by test processes that no longer run (killed, so their `atexit` never ran).
    private static func removeStaleServers(binaries: URL) {
        let tmp = URL(fileURLWithPath: "/tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            let directory = tmp.appendingPathComponent(name)
            let owner = (try? String(contentsOf: directory.appendingPathComponent("owner.pid"), encoding: .utf8)).flatMap { pid_t($0) }
            if let owner, kill(owner, 0) == 0 || errno == EPERM { continue }
            PrivatePostgres(directory: directory, binaries: binaries).stop()
        }
    }

    private func run(_ tool: String, _ arguments: [String], what: String, asServerOwner: Bool = false) throws {
        let program = binaries.appendingPathComponent(tool)
        let result: ChildProcess.Result
        if asServerOwner && getuid() == 0 {
            result = try ChildProcess.run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", program.path] + arguments,
                                          timeout: 120)
        } else {
            result = try ChildProcess.run(program, arguments, timeout: 120)
        }
        guard result.status == 0, !result.timedOut else { throw Failure.step(what, result) }
    }
}
