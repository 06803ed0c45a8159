import Foundation
import StorefrontTestSupport
import Testing

/// What a script reads when a command fails: one JSON error object on stdout with `--json`, one `Error:` line on
/// stderr, and an exit code that `--help` documents.
@Suite struct JSONErrorContractTests {
    let cli = CommandLineTests()

    static func errorObject(_ stdout: String) throws -> [String: Any] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "stdout: \(stdout)")
        return try #require(json["error"] as? [String: Any], "\(json)")
    }

    @Test func aNumberNoOperatorServesIsAJSONErrorOnStdout() async throws {
        let result = try await cli.run(["phone", "check", "+99912345", "--json"])
        #expect(result.status != 0)
        let error = try Self.errorObject(result.stdout)
        #expect(!(error["code"] as? String ?? "").isEmpty)
        #expect(!(error["message"] as? String ?? "").isEmpty)
    }

    @Test(arguments: [["buy", "--json"], ["buy", "test-gift-card-code", "--yes", "--json"], ["catalog", "list", "--limit", "0", "--json"]])
    func anArgumentErrorSaysErrorOnceAndItsJSONMessageCarriesNoUsage(arguments: [String]) async throws {
        let result = try await cli.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.contains("Error: Error:"), "\(result.stderr)")
        let message = try #require(try Self.errorObject(result.stdout)["message"] as? String)
        #expect(!message.contains("Usage:") && !message.contains("--help"), "\(message)")
        #expect(!message.hasPrefix("Error:"), "\(message)")
    }

    @Test(arguments: [["--help"], ["buy", "--help"], ["order", "show", "--help"], ["phone", "check", "--help"]])
    func helpListsEveryExitCodeACommandCanEndWith(arguments: [String]) async throws {
        let result = try await cli.run(arguments)
        #expect(result.status == 0)
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ")
        for code in ["64", "66", "69", "70"] {
            #expect(help.range(of: "\\b\(code) ", options: .regularExpression) != nil, "exit code \(code) missing from \(arguments): \(help)")
        }
    }

    @Test func rootHelpListsThePurchaseCodes() async throws {
        let help = try await cli.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        for code in ["0", "10", "11", "12", "13", "14", "64", "65", "66", "69", "70", "74"] {
            #expect(help.range(of: "\\b\(code) ", options: .regularExpression) != nil, "exit code \(code) missing: \(help)")
        }
    }

    @Test func anUnknownOrderIsNotFoundWithoutSuggestingACatalogRefresh() async throws {
        let result = try await cli.run(["order", "show", "nonexistent123", "--json"])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(!result.stderr.lowercased().contains("catalog"), "\(result.stderr)")
        let message = try #require(try Self.errorObject(result.stdout)["message"] as? String)
        #expect(!message.lowercased().contains("catalog"))
        #expect(message.contains("order list"), "says where order ids come from: \(message)")
    }

    /// The README's exit-code table is what `--help` says, code for code.
    @Test func theREADMEsExitCodeTableListsTheCodesHelpLists() async throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let table = Set(text.split(separator: "\n").compactMap { line -> Int? in
            guard let match = line.firstMatch(of: #/^\| (\d+) \| /#) else { return nil }
            return Int(match.1)
        })
        let help = try await cli.run(["--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        let helped = Set(help.matches(of: #/[:;]\s+(\d+)\s/#).compactMap { Int($0.1) })
        #expect(table == helped, "README \(table.sorted()) vs --help \(helped.sorted())")
    }
}
