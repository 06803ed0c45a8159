import Foundation
import OwnerOnlyFiles

/// The catalog file on disk: created owner-only, and moved aside (never deleted) when it has to be rebuilt.
public enum CatalogFile {
    /// SQLite's companion files; they hold committed data until a checkpoint, so they move with the database.
    static let companionSuffixes = OwnerOnlyFile.companionSuffixes

    /// Owner-only, as every file of ours that SQLite opens: the catalog reveals what the account can buy and at
    /// what price.
    static func prepare(_ path: String) throws(CatalogStoreError) {
        do throws(OwnerOnlyFile.Failure) {
            try OwnerOnlyFile.prepare(path)
        } catch {
            throw CatalogStoreError.unavailable(path, detail: error.detail)
        }
    }

    static func isPrivate(_ path: String) -> Bool {
        OwnerOnlyFile.isPrivate(path)
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
