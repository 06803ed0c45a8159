import Foundation
import StorefrontTUI

/// Finds themes for `--theme NAME|PATH` and lists the names a user can pick.
///
/// A request containing `/` or ending in `.toml` is a file path (relative to the working directory). Any other
/// request is a name: looked up as `NAME.toml` in `searchDirectories` (the user's own themes, first match wins),
/// then among the six shipped themes, which are built into the binary (`Theme.shippedFiles`): an installed
/// binary, copied alone anywhere, has them all, and never reads a `themes/` directory beside it or below the
/// working directory.
public struct ThemeCatalog: Sendable {
    /// Where the user's themes are looked up, in order.
    public let searchDirectories: [String]
    private let currentDirectory: String

    public init(searchDirectories: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.searchDirectories = searchDirectories
        self.currentDirectory = currentDirectory
    }

    /// The usual search order: `$STOREFRONT_THEMES_DIR`, then `$XDG_CONFIG_HOME/storefront/themes`
    /// (`~/.config/storefront/themes` when unset), as XDG puts a user's configuration.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> ThemeCatalog {
        let current = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        var directories: [URL] = []
        if let configured = environment["STOREFRONT_THEMES_DIR"], !configured.isEmpty {
            directories.append(URL(fileURLWithPath: configured, relativeTo: current))
        }
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            directories.append(URL(fileURLWithPath: config).appendingPathComponent("storefront/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/storefront/themes"))
        }
        var seen = Set<String>()
        let paths = directories.map { $0.standardizedFileURL.path }.filter { seen.insert($0).inserted }
        return ThemeCatalog(searchDirectories: paths, currentDirectory: currentDirectory)
    }

    /// The theme a request names, or why it cannot be used.
    public func load(_ request: String) throws(ThemeError) -> Theme {
        if Self.isPath(request) {
            let path = URL(fileURLWithPath: request, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL.path
            guard Self.isFile(path) else {
                throw ThemeError(.notFound, file: request, reason: "no such file")
            }
            return try Self.read(path: path, name: Self.themeName(ofFile: path), shownAs: request)
        }
        if let path = searchDirectories.lazy.map({ "\($0)/\(request).toml" }).first(where: Self.isFile) {
            return try Self.read(path: path, name: request, shownAs: shown(path))
        }
        if let text = Theme.shippedFiles[request] {
            return try Theme.decode(toml: text, name: request, file: "\(request).toml (built in)")
        }
        let looked = searchDirectories.map(shown).joined(separator: ", ")
        let available = availableNames().joined(separator: ", ")
        throw ThemeError(.notFound, file: "\(request).toml",
                         reason: "no theme named \"\(request)\" built in" + (looked.isEmpty ? "" : " or in \(looked)") + "; available: \(available)")
    }

    /// The requested theme, or `Theme.fallback` and the reason when it cannot be used: the interface should
    /// still start and show the message.
    public func loadOrFallback(_ request: String) -> (theme: Theme, problem: ThemeError?) {
        do {
            return (try load(request), nil)
        } catch {
            return (Theme.fallback, error)
        }
    }

    /// Every name `load` accepts without a path, sorted: the shipped themes and the user's.
    public func availableNames() -> [String] {
        var names = Set(Theme.shippedFiles.keys)
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") && Self.isFile("\(directory)/\(file)") {
                names.insert(Self.themeName(ofFile: file))
            }
        }
        return names.sorted()
    }

    private static func read(path: String, name: String, shownAs file: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ThemeError(.unreadable, file: file, reason: "cannot be read as UTF-8 text; check its permissions")
        }
        return try Theme.decode(toml: text, name: name, file: file)
    }

    private static func isPath(_ request: String) -> Bool {
        request.contains("/") || request.hasSuffix(".toml")
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func themeName(ofFile path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// A path as messages show it: relative when inside the working directory, which is how users type it.
    private func shown(_ path: String) -> String {
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
