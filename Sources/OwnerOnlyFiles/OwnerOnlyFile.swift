import Foundation

/// An SQLite file only its owner may read, with its companions: the one opener behind the catalog, the journal
/// (which holds codes), the account history cache and the sandbox's store. SQLite gives a new WAL the database
/// file's mode, but an existing WAL or shared-memory file keeps whatever mode it had, and holds committed data
/// until a checkpoint: so both are tightened too.
public enum OwnerOnlyFile {
    /// SQLite's companion files, which move and are protected with the database.
    public static let companionSuffixes = ["-wal", "-shm", "-journal"]

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "\(path): \(detail)" }
    }

    /// Creates `path` with mode 0600 if it does not exist, and tightens it and each existing companion to 0600.
    public static func prepare(_ path: String) throws(Failure) {
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, detail: String(cString: strerror(errno))) }
        close(descriptor)
        for file in [path] + companionSuffixes.map({ path + $0 }) {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            guard chmod(file, 0o600) == 0 else {
                throw Failure(path: path, detail: "cannot make \(file) private: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Whether the file exists and neither it nor its companions can be read by anyone but the owner, so that
    /// `prepare` would have nothing to do.
    public static func isPrivate(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 == 0 else { return false }
        return companionSuffixes.allSatisfy { suffix in
            var companion = stat()
            return stat(path + suffix, &companion) != 0 || companion.st_mode & 0o077 == 0
        }
    }
}
