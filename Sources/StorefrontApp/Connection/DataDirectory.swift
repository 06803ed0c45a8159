import Foundation

/// Where Storefront keeps its files (catalog cache, cart, purchase journal): `--data-dir`, else
/// `STOREFRONT_DATA_DIR`, else `$XDG_DATA_HOME/storefront`, else `~/.local/share/storefront`.
/// Created owner-only (0700): the journal holds redemption codes.
public struct DataDirectory: Sendable, Equatable {
    public var url: URL

    public init(url: URL) {
        self.url = url
    }

    public static func resolve(option: String?, environment: [String: String]) -> DataDirectory {
        if let path = option ?? environment["STOREFRONT_DATA_DIR"], !path.isEmpty {
            return DataDirectory(url: URL(fileURLWithPath: (path as NSString).expandingTildeInPath, isDirectory: true))
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return DataDirectory(url: URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("storefront", isDirectory: true))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return DataDirectory(url: URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/storefront", isDirectory: true))
    }

    /// Creates the directory if needed, owner-only.
    public func prepare() throws(ConfigurationError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigurationError("Cannot create the data directory \(url.path): \(error.localizedDescription). Choose another with --data-dir or STOREFRONT_DATA_DIR.")
        }
    }

    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name, isDirectory: false)
    }
}
