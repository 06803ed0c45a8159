import Foundation

/// The catalog file on disk: created owner-only, and moved aside (never deleted) when it has to be rebuilt.
public enum CatalogFile {
    /// SQLite's companion files; they hold committed data until a checkpoint, so they move with the database.
    static let companionSuffixes = ["-wal", "-shm"]

    /// Creates the file with mode 0600 if it does not exist, and tightens an existing one (and its WAL) to 0600:
    /// the catalog reveals what the account can buy and at what price. SQLite gives new WAL files the
    /// database file's mode.
    static func prepare(_ path: String) throws(CatalogStoreError) {
        let descriptor = Foundation.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CatalogStoreError.unavailable(path, detail: String(cString: strerror(errno)))
        }
        close(descriptor)
        for file in [path] + companionSuffixes.map({ path + $0 }) {
            var status = stat()
            guard stat(file, &status) == 0, status.st_mode & 0o077 != 0 else { continue }
            guard chmod(file, 0o600) == 0 else {
                throw CatalogStoreError.unavailable(path, detail: "cannot make \(file) private: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Whether the file exists and neither it nor its companions can be read by anyone but the owner, so that
    /// `prepare` would have nothing to do.
    static func isPrivate(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 == 0 else { return false }
        return companionSuffixes.allSatisfy { suffix in
            var companion = stat()
            return stat(path + suffix, &companion) != 0 || companion.st_mode & 0o077 == 0
        }
    }

    /// Renames the catalog (and its WAL) to `NAME.unusable-YYYYMMDD-HHMMSS` beside it, so a damaged or foreign
    /// file stops being used but nothing in it is lost. Returns the new path of the main file; nil when there
    /// was no file.
    @discardableResult
    public static func moveAside(_ url: URL, now: Date = Date()) throws(CatalogStoreError) -> URL? {
        let manager = FileManager.default
        guard manager.fileExists(atPath: url.path) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let target = url.deletingLastPathComponent()
            .appendingPathComponent("\(url.lastPathComponent).unusable-\(formatter.string(from: now))")
        do {
            for suffix in [""] + companionSuffixes where manager.fileExists(atPath: url.path + suffix) {
                try manager.moveItem(atPath: url.path + suffix, toPath: target.path + suffix)
            }
        } catch {
            throw CatalogStoreError.unavailable(url.path, detail: "cannot move it aside: \(error.localizedDescription)")
        }
        return target
    }
}
