import CatalogStore
import ChildProcesses
import Foundation
import StorefrontApp
import StorefrontDomain

/// The benchmark: the catalog's and the TUI's speed and memory targets, measured end to end against the sandbox on
/// loopback with rate limits off. Build both executables in release as the README does (`swift build -c release
/// --static-swift-stdlib --product storefront-bench`, then `--product storefront`) and run `.build/release/storefront-bench` (options:
/// `--small N`, `--large N`, `--storefront PATH`). It exits 1 when a target is missed.
/// `storefront-bench soak ...` is the fault soak of the purchase path instead: see `Soak`; `storefront-bench listing
/// ...` compares `storefront catalog list` with sqlite3 and fzf: see `ListingBenchmark`; `storefront-bench ssh ...`
/// measures `storefront ssh serve` through the OpenSSH client: see `SSHBenchmark`; `storefront-bench placement ...` compares
/// a placement's journal work on SQLite and on the team's PostgreSQL: see `PlacementBenchmark`; `storefront-bench
/// feed-latency ...` times a purchase from its commit to the team feed: see `FeedLatencyBenchmark`.
/// `storefront-bench catalog-copy ...` times a first catalog fill copied from the team database: see `CatalogCopyBenchmark`.
let arguments = CommandLine.arguments
if Usage.wanted(arguments.dropFirst()) {
    print(arguments.dropFirst().first == "soak" ? "Usage: " + SoakOptions.usage.replacingOccurrences(of: "\n", with: "\n       ") : Usage.text)
    exit(0)
}
let siblingStorefront = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().appendingPathComponent("storefront").path
if arguments.dropFirst().first == "ssh" {
    exit(SSHBenchmark.run(Array(arguments.dropFirst(2)), defaultStorefront: siblingStorefront))
}
if arguments.dropFirst().first == "soak" {
    exit(await Soak.run(Array(arguments.dropFirst(2)), defaultStorefront: siblingStorefront))
}
if arguments.dropFirst().first == "placement" {
    exit(await PlacementBenchmark.run(Array(arguments.dropFirst(2))))
}
if arguments.dropFirst().first == "feed-latency" {
    exit(await FeedLatencyBenchmark.run(Array(arguments.dropFirst(2))))
}
if arguments.dropFirst().first == "catalog-copy" {
    exit(await CatalogCopyBenchmark.run(Array(arguments.dropFirst(2))))
}
if arguments.dropFirst().first == "listing" {
    exit(await ListingBenchmark.run(Array(arguments.dropFirst(2)), defaultStorefront: siblingStorefront))
}
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
let smallCount = option("--small").flatMap(Int.init) ?? 20_000
let largeCount = option("--large").flatMap(Int.init) ?? 200_000
let storefront = option("--storefront") ?? siblingStorefront

var report = Report()
#if DEBUG
report.note("DEBUG BUILD: figures are not comparable with the targets (use -c release).")
#endif
print("Storefront catalog benchmark")
print("Machine: \(MachineInfo.current().description)")
print("SQLite \(CatalogDatabase.sqliteVersion)")

let root = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-bench-\(getpid())", isDirectory: true)

do {
    print("\n\(Money.grouped(Int64(smallCount))) products (sandbox on loopback, rate limits off)")
    let small = try await Scenario.start(productCount: smallCount, under: root)
    let service = try small.openCatalog()

    let (first, firstTime) = try await Stopwatch.time { try await small.refresh(service) }
    report.check("refresh, first fill", firstTime.text, "\(first.pages) pages, \(Money.grouped(Int64(first.productsListed))) products",
                 target: "≤ 5 s", passed: firstTime <= .seconds(5))
    let (second, secondTime) = try await Stopwatch.time { try await small.refresh(service) }
    report.check("refresh, nothing changed", secondTime.text, "\(second.written) product rows written",
                 target: "0 rows", passed: second.written == 0)
    try service.database.close()

    let (reopened, openTime) = try Stopwatch.time { try small.openCatalog() }
    let (page, queryTime) = try Stopwatch.time { try reopened.products(CatalogQuery(limit: 50)) }
    let (countries, countriesTime) = try Stopwatch.time { try reopened.countries() }
    report.check("open + first query", (openTime + queryTime).text,
                 "open \(openTime.text), first page of \(page.items.count) of \(Money.grouped(Int64(page.totalCount))) \(queryTime.text); then \(countries.count) countries \(countriesTime.text)",
                 target: "≤ 50 ms", passed: openTime + queryTime <= .milliseconds(50))

    let typing = try SearchWorkload.measure(reopened, rounds: 5)
    report.check("search as you type", typing.percentile(0.99).text, typing.summary, target: "p99 ≤ 5 ms",
                 passed: typing.percentile(0.99) <= .milliseconds(5))

    if FileManager.default.isExecutableFile(atPath: storefront) {
        let listing = try ChildProcess.start(URL(fileURLWithPath: storefront), [
            "catalog", "list", "--data-dir", small.directory.url.path, "--api-url", small.sandbox.baseURL, "--api-key", small.apiKey,
        ], stdout: "/dev/null", stderr: "/dev/null")
        let peakResidentBytes = listing.peakResidentBytesUntilItEnds()
        let outcome = listing.wait(timeout: 600)
        let megabytes = Double(peakResidentBytes) / 1_048_576
        report.check("`storefront catalog list` peak RSS", String(format: "%.1f MB", megabytes),
                     "all \(Money.grouped(Int64(page.totalCount))) rows, exit status \(outcome.status)",
                     target: "≤ 40 MB", passed: outcome.status == 0 && peakResidentBytes <= 40 << 20)
    } else {
        report.note("`storefront catalog list` peak RSS: skipped, no executable at \(storefront) (build it with swift build -c release --static-swift-stdlib --product storefront)")
    }
    if FileManager.default.isExecutableFile(atPath: storefront) {
        let tui = try TerminalBenchmark.run(storefront: storefront, arguments: [
            "--data-dir", small.directory.url.path, "--api-url", small.sandbox.baseURL, "--api-key", small.apiKey,
        ], environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") && $0.key != "NO_COLOR" })
        report.check("TUI: start to first painted frame", tui.firstFrame.text, "120x40 pseudo-terminal, cached catalog",
                     target: "≤ 150 ms", passed: tui.firstFrame <= .milliseconds(150))
        let keystroke = tui.keystrokes.percentile(0.99)
        report.check("TUI: search keystroke to painted results", keystroke.text,
                     "p50 \(tui.keystrokes.percentile(0.5).text), \(tui.keystrokes.samples.count) keystrokes",
                     target: "p99 ≤ 16 ms", passed: keystroke <= .milliseconds(16))
        let moveBytes = tui.selectionMoveBytes.max() ?? 0
        let detailBytes = tui.detailBytes.sorted()[tui.detailBytes.count / 2]
        report.check("TUI: bytes to move the selection one row", "\(moveBytes) bytes",
                     "largest of \(tui.selectionMoveBytes.count) moves \(tui.selectionMoveBytes); the detail pane of the new product follows in its own frame (median \(detailBytes) bytes)",
                     target: "≤ 200 bytes", passed: moveBytes <= 200)
    }
    await small.stop()

    print("\n\(Money.grouped(Int64(largeCount))) products")
    let large = try await Scenario.start(productCount: largeCount, under: root)
    let largeService = try large.openCatalog()
    let (fill, fillTime) = try await Stopwatch.time { try await large.refresh(largeService) }
    report.note("refresh, first fill: \(fillTime.text) (\(fill.pages) pages, \(Money.grouped(Int64(fill.productsListed))) products)")
    let largeTyping = try SearchWorkload.measure(largeService, rounds: 3)
    report.check("search as you type", largeTyping.percentile(0.99).text, largeTyping.summary, target: "p99 ≤ 30 ms",
                 passed: largeTyping.percentile(0.99) <= .milliseconds(30))
    await large.stop()
} catch {
    report.fail("benchmark stopped: \(error)")
}
try? FileManager.default.removeItem(at: root)
print("\n" + report.verdict)
exit(report.allPassed ? 0 : 1)
