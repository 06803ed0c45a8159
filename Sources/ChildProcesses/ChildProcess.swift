import Foundation

/// Runs a program for a test or the benchmark, bounded in time.
///
/// Output goes to files, never to pipes this process reads, so a daemon the program leaves behind (the first
/// `tmux new-session` starts the tmux server) holds up nothing: the end is seen with `waitpid`. Foundation's
/// `Process` hung there, because it learns of the end when a socket it passes down closes. swift-subprocess 1.0.2
/// was tried and dropped (issue 19): it reaps a child before its run finishes, and finishing needs a thread of the
/// concurrency pool, so the blocking waits (PrivatePostgres from a lazy static) deadlocked a 2-core machine. The
/// program starts as from a shell (`Spawn`). A program that outlives `timeout` is killed, so a test can fail but
/// never hang CI.
public enum ChildProcess {
    public struct Result: Sendable {
        /// The exit code, or 128 + the signal that ended the program (as a shell reports it).
        public var status: Int32
        /// What it printed, when it printed to files of the runner's own (not to files the caller named).
        public var stdout: String
        public var stderr: String
        /// Whether it was killed for outliving its timeout.
        public var timedOut: Bool
    }

    public enum Failure: Error, CustomStringConvertible {
        case couldNotStart(String, String)

        public var description: String {
            switch self {
            case .couldNotStart(let program, let reason): "could not start \(program): \(reason)"
            }
        }
    }

    /// Runs the program to its end (or `timeout`) and returns what it printed. Blocks the calling thread: for
    /// callers that cannot suspend (a lazy static, an `atexit` handler, a synchronous benchmark).
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) throws -> Result {
        try start(executable, arguments, environment: environment).wait(timeout: timeout)
    }

    /// The same, for async callers: waiting suspends instead of blocking a thread, so a sandbox served by this
    /// process's own concurrency pool keeps answering the program while it runs.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                           timeout: TimeInterval = 60) async throws -> Result {
        try await start(executable, arguments, environment: environment).finished(timeout: timeout)
    }

    /// Starts the program and returns once it runs, for callers that act while it runs (kill it mid-purchase, read
    /// its log, measure it). Input comes from `stdin` (/dev/null when nil); output is appended to `stdout` and
    /// `stderr` when given (the same file for both is fine), else kept in files of the runner's own.
    public static func start(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                             stdin: String? = nil, stdout: String? = nil, stderr: String? = nil) throws -> Running {
        let scratch = stdout == nil || stderr == nil
            ? FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)") : nil
        if let scratch { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) }
        let out = stdout ?? scratch!.appendingPathComponent("out").path
        let err = stderr ?? scratch!.appendingPathComponent("err").path
        do {
            let pid = try Spawn.start(executable.path, arguments, environment: environment, stdin: stdin ?? "/dev/null",
                                      stdout: out, stderr: err)
            return Running(pid: pid, stdout: out, stderr: err, scratch: scratch)
        } catch {
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
            throw error
        }
    }
}
