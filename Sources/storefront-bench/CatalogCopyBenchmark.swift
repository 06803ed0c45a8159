import CatalogStore
import Foundation
import StorefrontApp
import StorefrontDomain
import TeamJournal

/// `storefront-bench catalog-copy --database-url URL [--products N]`: how long a new agent's first catalog fill takes
/// when another host has stored the catalog in the team database (issue 20, item 7): read the copy from PostgreSQL
/// and install it into an empty catalog file, no API request. The copy is made first by filling a catalog from a
/// sandbox of N products (rate limits off) and storing it. Target: at most 3 s for 20,000 products (release).
enum CatalogCopyBenchmark {
    static func run(_ arguments: [String]) async -> Int32 {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let count = option("--products").flatMap(Int.init) ?? 20_000
        guard let text = option("--database-url") ?? ProcessInfo.processInfo.environment["STOREFRONT_DATABASE_URL"] else {
            print("storefront-bench catalog-copy needs --database-url postgres://USER@/DB?host=/run/postgresql")
            return 64
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-copy-bench-\(getpid())", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let url = try TeamDatabaseURL(parsing: text, defaultUser: ProcessInfo.processInfo.environment["USER"] ?? "postgres")
            let key = try TeamKey(bytes: (0..<TeamKey.byteCount).map { _ in UInt8.random(in: 0...255) })
            // Connecting the journal migrates the schema: the catalog's tables come with it.
            let journal = try await PostgresJournal.connect(url, key: key, agent: "bench@\(ProcessInfo.processInfo.hostName)")
            defer { journal.close() }
            let scenario = try await Scenario.start(productCount: count, under: root)
            let filled = try scenario.openCatalog()
            let summary = try await scenario.refresh(filled)
            await scenario.stop()
            let team = TeamCatalog(url: url, agent: "bench")
            let snapshot = try await filled.database.snapshot()
            try await team.store(snapshot, of: filled.source, completedAt: Date(), productCount: summary.productsListed)

            let empty = try CatalogDatabase.open(at: root.appendingPathComponent("copy.sqlite"))
            let (_, elapsed) = try await Stopwatch.time {
                guard let copy = try await team.latestCopy(of: filled.source) else { throw CopyMissing() }
                try await empty.install(copy.snapshot)
            }
            let copied = try empty.liveProductCount()
            let passed = elapsed <= .seconds(3) && copied == summary.productsListed
            print("Catalog copy from the team database (\(url.place)), release build \(isRelease)")
            print("  \(Money.grouped(Int64(copied))) products, \(snapshot.count / 1024) KiB: \(elapsed.text) (target ≤ 3 s): \(passed ? "met" : "MISSED")")
            return passed ? 0 : 1
        } catch {
            print("storefront-bench catalog-copy: \(error)")
            return 70
        }
    }

    struct CopyMissing: Error, CustomStringConvertible {
        var description: String { "the catalog just stored is not in the team database" }
    }

    static var isRelease: String {
        #if DEBUG
        "no (DEBUG: not comparable with the target)"
        #else
        "yes"
        #endif
    }
}
