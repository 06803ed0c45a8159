import Foundation

/// Runs a program to completion for a test, bounded in time.
///
/// Foundation's `Process` is not used: on Linux it learns that a child ended when a socket it passes down
/// closes, and a daemon the child leaves behind (the first `tmux new-session` starts the tmux server)
/// keeps that socket open forever, so the test hung on a machine with no tmux server running. Here the
/// child is spawned with only stdin, stdout and stderr, output goes to files, and exit is seen with
/// `waitpid`. A child that outlives `timeout` is killed, so a test can fail but never hang CI. It starts
/// with no signal blocked or ignored, as from a shell, whatever the test's thread blocks.
public struct ChildProcess: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case couldNotStart(String, POSIXError)

        public var description: String {
            switch self {
            case .couldNotStart(let program, let error): "could not start \(program): \(error)"
            }
        }
    }

    /// Closes every inherited descriptor above stderr, then runs the program: whatever it leaves behind holds
    /// nothing of the test process's (another child's pipes, sockets, database files).
    static let closeAndExec = #"for fd in /proc/self/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done; exec "$@""#

    /// Runs the program to its end (or `timeout`) and returns what it printed.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) throws -> Result {
        try start(executable, arguments, environment: environment).wait(timeout: timeout)
    }

    /// The same, for async tests: waiting suspends instead of blocking a thread, so a sandbox served by the
    /// test process's own concurrency pool keeps answering the program while it runs (blocking both of a
    /// 2-core machine's pool threads deadlocked exactly that).
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) async throws -> Result {
        try await start(executable, arguments, environment: environment).finished(timeout: timeout)
    }

    /// Starts the program and returns at once, for tests that act while it runs (kill it mid-purchase).
    public static func start(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> Running {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // Swift's concurrency threads block nearly every signal and a child inherits its thread's mask: a
        // tmux server started here passed SIGWINCH and SIGHUP blocked on to the programs in its panes.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ["/bin/bash", "-c", closeAndExec, "sh", executable.path] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { argvPointers in
            withCStrings(env) { envPointers in
                posix_spawn(&pid, "/bin/bash", &actions, &attributes, argvPointers, envPointers)
            }
        }
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw Failure.couldNotStart(executable.path, POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO))
        }
        return Running(pid: pid, scratch: scratch)
    }

    /// A started program.
    public final class Running: @unchecked Sendable {
        public let pid: pid_t
        let scratch: URL
        private var finished: Int32?

        init(pid: pid_t, scratch: URL) {
            self.pid = pid
            self.scratch = scratch
        }

        deinit {
            if finished == nil { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) }
            try? FileManager.default.removeItem(at: scratch)
        }

        /// What it printed on stdout so far.
        public var stdoutSoFar: String {
            String(decoding: (try? Data(contentsOf: scratch.appendingPathComponent("out"))) ?? Data(), as: UTF8.self)
        }

        /// What it printed on stderr so far.
        public var stderrSoFar: String {
            String(decoding: (try? Data(contentsOf: scratch.appendingPathComponent("err"))) ?? Data(), as: UTF8.self)
        }

        /// Kills it at once, as a crash or a pulled plug would.
        public func killNow() {
            kill(pid, SIGKILL)
        }

        /// Waits for the end without blocking a thread (killing it after `timeout`).
        public func finished(timeout: TimeInterval = 60) async -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while finished == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) != 0 {
                    finished = status
                    break
                }
                if Date() >= deadline { kill(pid, SIGKILL) }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return wait(timeout: 0)
        }

        /// Waits for the end (killing it after `timeout`) and returns what it printed.
        public func wait(timeout: TimeInterval = 60) -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            var timedOut = false
            var status: Int32 = 0
            if let finished {
                status = finished
            } else {
                while waitpid(pid, &status, WNOHANG) == 0 {
                    if Date() >= deadline && !timedOut {
                        timedOut = true
                        kill(pid, SIGKILL)
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                }
                finished = status
            }
            let stdout = (try? Data(contentsOf: scratch.appendingPathComponent("out"))) ?? Data()
            let stderr = (try? Data(contentsOf: scratch.appendingPathComponent("err"))) ?? Data()
            let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return Result(status: exitStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self), timedOut: timedOut)
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(&pointers)
    }
}
