import Foundation

/// The machine's processes as `/proc` shows them: which the server still has, and in what state. A zombie
/// counts as present, since it means the server has not reaped its session.
enum ProcessTable {
    struct Entry: CustomStringConvertible {
        var pid: pid_t
        var parent: pid_t
        /// `R`, `S`, `Z` (zombie: ended, not reaped) ...
        var state: Character
        var name: String

        var description: String { "\(pid) \(name) state \(state)" }
    }

    /// `/proc/PID/stat`: "pid (name) state ppid ..."; the name may hold spaces and parentheses.
    static func entry(_ pid: pid_t) -> Entry? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        guard rest.count >= 2, let state = rest[0].first, let parent = pid_t(rest[1]) else { return nil }
        return Entry(pid: pid, parent: parent, state: state, name: String(stat[stat.index(after: open)..<close]))
    }

    /// The processes whose parent is `parent`.
    static func children(of parent: pid_t) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(pid_t.init).compactMap(entry).filter { $0.parent == parent }
    }
}
