import Foundation

/// Runs programs for the benchmark and the soak: to their end with their output discarded, reporting exit status
/// and peak resident memory; or started, waited for and killed on demand.
///
/// The peak is the child's `VmHWM` in `/proc/PID/status`, read every millisecond until it exits. `ru_maxrss`
/// from `wait4` cannot be used: `posix_spawn` starts the child sharing this process's memory (vfork), and the
/// kernel counts that memory's high-water mark into the child's `ru_maxrss` when it execs, so a large benchmark
/// process would inflate the figure.
enum ChildProcess {
    struct Outcome {
        var status: Int32
        var peakResidentBytes: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ executable: String, arguments: [String]) throws -> Outcome {
        let pid = try spawn(executable, arguments: arguments)
        var peak = 0
        var status: Int32 = 0
        while true {
            peak = max(peak, highWaterMark(of: pid) ?? 0)
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 else { throw Failure(description: "lost track of \(executable): \(String(cString: strerror(errno)))") }
            usleep(1_000)
        }
        return Outcome(status: exitStatus(status), peakResidentBytes: peak)
    }

    /// Starts a program with its output appended to the given files, its input from `stdin` when given, and the
    /// given environment (this process's when nil).
    static func spawn(_ executable: String, arguments: [String], environment: [String: String]? = nil,
                      stdin: String? = nil, stdout: String = "/dev/null", stderr: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin, O_RDONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o644)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = envp.map { posix_spawn(&pid, executable, &actions, nil, argv, $0) } ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Waits for `pid` to end, sending it SIGKILL if it still runs after `killAfter`. `killed` is true only
    /// when the kill struck a running program.
    static func wait(_ pid: pid_t, killAfter: Duration? = nil) throws -> (status: Int32, killed: Bool) {
        let started = ContinuousClock.now
        var killed = false
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 else { throw Failure(description: "lost track of process \(pid): \(String(cString: strerror(errno)))") }
            if !killed, let killAfter, ContinuousClock.now - started >= killAfter {
                killed = kill(pid, SIGKILL) == 0
            }
            usleep(1_000)
        }
        let exit = exitStatus(status)
        return (exit, killed && exit == 128 + SIGKILL)
    }

    /// A shell-style status: the exit code, or 128 + the signal that ended the program.
    private static func exitStatus(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// `VmHWM` of a running process, in bytes; nil once it has exited.
    static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
