import Foundation
import StorefrontDomain

/// `storefront-bench listing`: `storefront catalog list` against the tools people would otherwise use, measured
/// side by side in the same run at each catalog size. Targets: every listing (table and `--json`, all rows)
/// within 2x of `sqlite3 -json` reading the same columns from the same file; `--search Q` no slower than
/// `fzf --filter Q` over the same names, for a one-letter, a two-word and a rare query.
///
/// Options: `--sizes 20000,200000`, `--runs N` (timed runs after a warm-up, median taken; default 5),
/// `--storefront PATH`, `--keep DIR` (build the catalogs there and leave them, with the command lines, for
/// hyperfine or valgrind).
enum ListingBenchmark {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], defaultStorefront: String) async -> Int32 {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let sizes = (option("--sizes") ?? "20000,200000").split(separator: ",").compactMap { Int($0) }
        let runs = option("--runs").flatMap(Int.init) ?? 5
        let storefront = option("--storefront") ?? defaultStorefront
        guard FileManager.default.isExecutableFile(atPath: storefront) else {
            print("No storefront executable at \(storefront) (swift build -c release --product storefront, or give --storefront PATH).")
            return 2
        }
        guard let sqlite3 = ListingReferences.executable("sqlite3"), let fzf = ListingReferences.executable("fzf") else {
            print("listing needs sqlite3 and fzf on PATH.")
            return 2
        }
        let kept = option("--keep").map { URL(fileURLWithPath: $0, isDirectory: true) }
        let root = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("storefront-bench-listing-\(getpid())", isDirectory: true)
        var report = Report()
        #if DEBUG
        report.note("DEBUG BUILD: figures are not comparable with the targets (use -c release).")
        #endif
        print("Storefront listing benchmark: storefront catalog list against sqlite3 -json and fzf --filter")
        print("Machine: \(MachineInfo.current().description)")
        do {
            for size in sizes {
                try await measure(size: size, runs: runs, tools: Tools(storefront: storefront, sqlite3: sqlite3, fzf: fzf),
                                  under: root, report: &report)
            }
        } catch {
            report.fail("benchmark stopped: \(error)")
        }
        if kept == nil { try? FileManager.default.removeItem(at: root) }
        print("\n" + report.verdict)
        return report.allPassed ? 0 : 1
    }

    struct Tools {
        var storefront: String
        var sqlite3: String
        var fzf: String
    }

    private static func measure(size: Int, runs: Int, tools: Tools, under root: URL, report: inout Report) async throws {
        print("\n\(Money.grouped(Int64(size))) products (catalog filled from the sandbox on loopback; sandbox stopped before timing)")
        let scenario = try await Scenario.start(productCount: size, under: root)
        let service = try scenario.openCatalog()
        _ = try await scenario.refresh(service)
        try service.database.close()
        await scenario.stop()

        let dataDirectory = scenario.directory.url.path
        let catalog = scenario.directory.url.appendingPathComponent("catalog.sqlite").path
        let names = scenario.directory.url.appendingPathComponent("names.txt").path
        try ListingReferences.writeNames(sqlite3: tools.sqlite3, catalog: catalog, to: names)
        // The cache stays fresh for the whole run, so no listing asks the stopped sandbox for anything.
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
            .merging(["STOREFRONT_CATALOG_MAX_AGE": "100000h"]) { _, new in new }
        func storefront(_ label: String, _ extra: [String]) -> TimedCommand {
            TimedCommand(label: label, executable: tools.storefront,
                         arguments: ["catalog", "list", "--data-dir", dataDirectory, "--api-url", scenario.sandbox.baseURL,
                                     "--api-key", scenario.apiKey] + extra,
                         environment: environment)
        }
        let sqlite = TimedCommand(label: "sqlite3 -json", executable: tools.sqlite3,
                                  arguments: ["-readonly", "-json", catalog, ListingReferences.listingSQL])
        print("  sqlite3 -json, same columns: [\(sqlite.shellText.prefix(120))…]")
        for (label, extra) in [("catalog list", [String]()), ("catalog list --json", ["--json"])] {
            let command = storefront(label, extra)
            let (time, reference) = try TimedCommand.medians(command, sqlite, runs: runs)
            let ratio = time / reference
            report.check("\(label) vs sqlite3 -json", String(format: "%.2fx", ratio), "\(time.text) vs \(reference.text); \(command.shellText)",
                         target: "≤ 2x", passed: ratio <= 2)
        }
        for query in ListingReferences.searches {
            let fzf = TimedCommand(label: "fzf --filter", executable: tools.fzf, arguments: ["--filter", query], stdin: names)
            let command = storefront("catalog list --search", ["--search", query])
            let (time, fzfTime) = try TimedCommand.medians(command, fzf, runs: runs)
            let ratio = time / fzfTime
            report.check("catalog list --search \"\(query)\" vs fzf --filter", String(format: "%.2fx", ratio),
                         "\(time.text) vs \(fzfTime.text); \(fzf.shellText)", target: "≤ 1x", passed: ratio <= 1)
            // A search prints its best matches unless told otherwise; every match costs what a listing does.
            let every = storefront("catalog list --search --all", ["--search", query, "--all"])
            let (everyTime, _) = try TimedCommand.medians(every, fzf, runs: runs)
            report.note(String(format: "catalog list --search \"%@\" --all vs fzf --filter: %.2fx  [%@ vs %@] (every match, no target)",
                               query, everyTime / fzfTime, everyTime.text, fzfTime.text))
        }
    }
}
