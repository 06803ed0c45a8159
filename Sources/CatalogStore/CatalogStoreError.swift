import Foundation
import GRDB

/// A catalog cache that cannot be used, with what to do about it. The way out of every damaged-file case is
/// `storefront catalog refresh --rebuild`, which moves the file aside (never deletes it) and fills a new one.
public struct CatalogStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file is not a readable SQLite database, or SQLite found damage in it.
        case corrupted
        /// A readable database, but not a Storefront catalog: another program's data.
        case foreign
        /// A catalog written by a newer Storefront, with a schema this one does not know.
        case newerSchema
        /// The file cannot be created, opened or written (permissions, full disk, read-only directory).
        case unavailable
    }

    public var kind: Kind
    /// The database file, nil for in-memory databases.
    public var path: String?
    public var message: String

    public init(kind: Kind, path: String?, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }

    static let rebuildAdvice = "Run `storefront catalog refresh --rebuild`: it moves the file aside (nothing is deleted) and fills a new catalog."
    static let rebuildAlternative = "run `storefront catalog refresh --rebuild` to move it aside (nothing is deleted) and fill a new catalog."

    static func corrupted(_ path: String?, detail: String) -> CatalogStoreError {
        CatalogStoreError(kind: .corrupted, path: path,
                          message: "The catalog cache \(path ?? "in memory") is damaged (\(detail)). \(rebuildAdvice)")
    }

    static func foreign(_ path: String) -> CatalogStoreError {
        CatalogStoreError(kind: .foreign, path: path,
                          message: "\(path) is a database, but not a Storefront catalog cache: another program's data may be in it. Point --data-dir (or STOREFRONT_DATA_DIR) elsewhere, or \(rebuildAlternative)")
    }

    static func newerSchema(_ path: String) -> CatalogStoreError {
        CatalogStoreError(kind: .newerSchema, path: path,
                          message: "The catalog cache \(path) was written by a newer Storefront. Use that version, or \(rebuildAlternative)")
    }

    static func unavailable(_ path: String?, detail: String) -> CatalogStoreError {
        CatalogStoreError(kind: .unavailable, path: path,
                          message: "The catalog cache \(path ?? "in memory") cannot be used: \(detail). Check the data directory's permissions and free space, or choose another with --data-dir.")
    }

    /// Classifies any error from GRDB: damage is told apart from everything else because only damage is
    /// repaired by rebuilding.
    static func from(_ error: any Error, path: String?) -> CatalogStoreError {
        if let error = error as? CatalogStoreError { return error }
        guard let error = error as? DatabaseError else {
            return .unavailable(path, detail: String(describing: error))
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT:
            return .corrupted(path, detail: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        default:
            return .unavailable(path, detail: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }
}
