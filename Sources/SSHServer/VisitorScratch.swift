import Foundation

/// Where unlisted visitors' sessions keep their data (their own embedded sandbox, catalog and journal): one
/// directory per server process, `$TMPDIR/storefront-ssh-visitors-PID`, with a directory per session inside.
///
/// A session's directory goes when its program exits. A server that is killed, or stopped with Ctrl-C, cannot do
/// that for the sessions it had, so each server, as it starts, removes the directories of servers that are no
/// longer running: past visitors never pile up in the temporary directory.
struct VisitorScratch: Sendable {
    static let prefix = "storefront-ssh-visitors-"

    let root: URL

    /// This process's root, after removing those of servers that are gone (and a leftover of an earlier process
    /// that had this one's id).
    static func prepare(in temporary: URL = FileManager.default.temporaryDirectory, processID: pid_t = getpid(),
                        isRunning: (pid_t) -> Bool = isRunning) throws -> VisitorScratch {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, pid == processID || !isRunning(pid) else { continue }
            try? manager.removeItem(at: temporary.appendingPathComponent(name, isDirectory: true))
        }
        let root = temporary.appendingPathComponent("\(prefix)\(processID)", isDirectory: true)
        try manager.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return VisitorScratch(root: root)
    }

    /// A new, owner-only directory for one visitor's session.
    func makeSessionDirectory() throws -> URL {
        let directory = root.appendingPathComponent(UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return directory
    }

    /// Whether a process with this id exists (one of another user's counts: its directory is not ours to judge).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
