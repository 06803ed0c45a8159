import ChildProcesses
import Foundation

/// What `storefront catalog list` is measured against: `sqlite3 -json` reading the same columns (packages
/// joined per product) from the same file, and `fzf --filter` over the same names.
enum ListingReferences {
    /// The columns a listing shows, in its order: each live product with its country's name, its range and its
    /// package values joined.
    static let listingSQL = """
        SELECT p.id, p.name, p.type, p.country_code, c.name AS country_name, p.currency, p.in_stock,
               r.min, r.max, r.step, r.price_rate_micros,
               (SELECT group_concat(value, ', ') FROM package WHERE product_key = p.key) AS package_values
        FROM product p LEFT JOIN country c ON c.code = p.country_code LEFT JOIN value_range r ON r.product_key = p.key
        WHERE p.gone IS NULL ORDER BY p.name_key, p.key
        """

    static let namesSQL = "SELECT name FROM product WHERE gone IS NULL ORDER BY name_key, key"

    /// A one-letter, a two-word and a rare query: words of the sandbox's catalog.
    static let searches = ["g", "nova mobile", "patisserie"]

    /// The first executable called `name` on PATH.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes the live products' names, one a line, to `names` (what fzf reads).
    static func writeNames(sqlite3: String, catalog: String, to names: String) throws {
        try? FileManager.default.removeItem(atPath: names)
        let status = try ChildProcess.start(URL(fileURLWithPath: sqlite3), ["-readonly", catalog, namesSQL], stdout: names, stderr: "/dev/null")
            .wait(timeout: 600).status
        guard status == 0 else { throw ListingBenchmark.Failure(description: "sqlite3 could not read the names of \(catalog) (exit status \(status))") }
    }
}
