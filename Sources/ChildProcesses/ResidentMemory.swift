import Foundation

/// Peak resident memory read from `/proc/PID/status` (`VmHWM`).
///
/// `ru_maxrss` from `wait4` cannot be used: `posix_spawn` starts the child sharing this process's memory (vfork),
/// and the kernel counts that memory's high-water mark into the child's `ru_maxrss` when it execs, so a large
/// benchmark process would inflate the figure.
enum ResidentMemory {
    /// `VmHWM` of a running process, in bytes; nil once it has exited.
    static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
