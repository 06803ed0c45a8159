import Foundation

/// Runs a program to its end with its output discarded, and reports its exit status and peak resident memory.
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
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }

        var peak = 0
        var status: Int32 = 0
        while true {
            peak = max(peak, highWaterMark(of: pid) ?? 0)
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 else { throw Failure(description: "lost track of \(executable): \(String(cString: strerror(errno)))") }
            usleep(1_000)
        }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exitStatus, peakResidentBytes: peak)
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
