import Foundation

/// Whether this machine's terminfo database has an entry for a `TERM` name.
enum TerminalNames {
    static let directories = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]

    static func isKnown(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        let hex = String(format: "%02x", first.asciiValue ?? 0)
        return directories.contains { directory in
            FileManager.default.fileExists(atPath: "\(directory)/\(first)/\(name)")
                || FileManager.default.fileExists(atPath: "\(directory)/\(hex)/\(name)")
        }
    }
}
