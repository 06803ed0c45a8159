import Foundation
import StorefrontTestSupport
import Testing

/// `storefront catalog list --search`, run as a user would: a search prints the best matches first and stops
/// at a screenful or two, saying how many more there are; `--all` and `--limit` say otherwise.
@Suite final class CatalogSearchCommandTests {
    /// The data directory of one test's runs: the embedded sandbox's catalog is filled by the first.
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-search-\(UUID().uuidString)")

    deinit {
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        environment["STOREFRONT_DATA_DIR"] = dataDirectory.path
        let result = try await ChildProcess.run(StorefrontBinary.url, arguments, environment: environment, timeout: 120)
        #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
        return (result.status, result.stdout, result.stderr)
    }

    /// The table's product lines: everything between the rule under the header and the count line.
    func productLines(_ table: String) -> [Substring] {
        Array(table.split(separator: "\n").dropFirst(2).dropLast())
    }

    func jsonCount(_ text: String) throws -> Int {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]).count
    }

    @Test func aSearchMatchingManyProductsPrintsTheBestFiftyAndHowManyMore() async throws {
        let all = try await run(["catalog", "list", "--search", "e", "--all"])
        #expect(all.status == 0, "\(all.stderr)")
        let total = productLines(all.stdout).count
        #expect(total > 50)
        #expect(all.stdout.hasSuffix("\(total.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) products\n"))

        let best = try await run(["catalog", "list", "--search", "e"])
        #expect(best.status == 0, "\(best.stderr)")
        #expect(productLines(best.stdout).count == 50)
        #expect(best.stdout.split(separator: "\n").last?.hasPrefix("50 of \(total.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) products") == true)
        #expect(best.stdout.contains("--all"))
        // The best matches are the first lines of the whole list.
        #expect(Array(productLines(all.stdout).prefix(50)).map { $0.split(separator: " ").first } == productLines(best.stdout).map { $0.split(separator: " ").first })
    }

    @Test func limitSetsHowManyAndJSONSaysTheRestOnStandardError() async throws {
        let three = try await run(["catalog", "list", "--search", "e", "--limit", "3"])
        #expect(productLines(three.stdout).count == 3)

        let json = try await run(["catalog", "list", "--search", "e", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try jsonCount(json.stdout) == 50)
        #expect(json.stderr.contains("50 of "))
        #expect(json.stderr.contains("--all"))

        let every = try await run(["catalog", "list", "--search", "e", "--json", "--all"])
        #expect(try jsonCount(every.stdout) > 50)
        #expect(!every.stderr.contains(" of "))
    }

    @Test func aBrowsingListStillPrintsEveryProduct() async throws {
        let browse = try await run(["catalog", "list", "--type", "esim"])
        let all = try await run(["catalog", "list", "--type", "esim", "--all"])
        #expect(browse.stdout == all.stdout)
    }

    @Test func aBadLimitIsBadInputThatSaysWhatToType() async throws {
        let zero = try await run(["catalog", "list", "--search", "e", "--limit", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--limit"))
        let both = try await run(["catalog", "list", "--search", "e", "--limit", "5", "--all"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--all"))
    }
}
