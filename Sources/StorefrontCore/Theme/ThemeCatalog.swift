import Foundation

/// Finds theme files for `--theme NAME|PATH` and lists the names a user can pick.
///
/// A request containing `/` or ending in `.toml` is a file path (relative to the working directory). Any other
/// request is a name looked up as `NAME.toml` in `searchDirectories`, first match wins. The built-in `default`
/// and `mono` answer when no file of that name exists, so an installed binary without a `themes/` directory
/// still starts with its usual look.
public struct ThemeCatalog: Sendable {
    /// Where names are looked up, in order.
    public let searchDirectories: [String]
    private let currentDirectory: String

    public init(searchDirectories: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.searchDirectories = searchDirectories
        self.currentDirectory = currentDirectory
    }

    /// The usual search order: `$STOREFRONT_THEMES_DIR`; `./themes`; `themes/` beside the executable and in up
    /// to three of its parents (so both `swift run` and `.build/debug/storefront` find the repository's
    /// `themes/`); `$XDG_DATA_HOME/storefront/themes` (XDG's `~/.local/share` when unset).
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) -> ThemeCatalog {
        let current = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        var directories: [URL] = []
        if let configured = environment["STOREFRONT_THEMES_DIR"], !configured.isEmpty {
            directories.append(URL(fileURLWithPath: configured, relativeTo: current))
        }
        directories.append(current.appendingPathComponent("themes"))
        if let executablePath {
            var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0...3 {
                directories.append(directory.appendingPathComponent("themes"))
                directory = directory.deletingLastPathComponent()
            }
        }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            directories.append(URL(fileURLWithPath: data).appendingPathComponent("storefront/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".local/share/storefront/themes"))
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
        if let builtIn = [Theme.fallback, Theme.mono].first(where: { $0.name == request }) {
            return builtIn
        }
        let looked = searchDirectories.map(shown).joined(separator: ", ")
        let available = availableNames().joined(separator: ", ")
        throw ThemeError(.notFound, file: "\(request).toml",
                         reason: "no theme named \"\(request)\" in \(looked); available: \(available)")
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

    /// Every name `load` accepts without a path, sorted, including the built-in ones.
    public func availableNames() -> [String] {
        var names: Set<String> = [Theme.fallback.name, Theme.mono.name]
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
