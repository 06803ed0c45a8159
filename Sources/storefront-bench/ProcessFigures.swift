import Foundation

/// What `/proc` says of a process: its children, CPU time and memory.
enum ProcessFigures {
    /// The processes whose parent is `parent`.
    static func children(of parent: pid_t) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(pid_t.init).filter { fields(of: $0).map { $0.count > 1 && $0[1] == "\(parent)" } ?? false }
    }

    /// User plus system time in clock ticks (`/proc/PID/stat` fields 14 and 15).
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let fields = fields(of: pid), fields.count > 13 else { return 0 }
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }

    /// Bytes the process has read from any descriptor (`rchar` of /proc/PID/io).
    static func bytesRead(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("rchar:") }) else { return 0 }
        return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// A `kB` figure of `/proc/PID/FILE` (`VmRSS:` of status, `Pss:` of smaps_rollup), in bytes.
    static func memory(of pid: pid_t, field: String, file: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/\(file)", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kilobytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }

    /// The fields of `/proc/PID/stat` after the name (which may hold spaces): state, ppid, ...
    private static func fields(of pid: pid_t) -> [String]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").map(String.init)
    }
}
