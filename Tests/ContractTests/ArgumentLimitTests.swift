import Foundation
import StorefrontTestSupport
import Testing

/// The real binary refuses a command line too long to parse cheaply, before parsing it.
@Suite struct ArgumentLimitTests {
    func run(_ arguments: [String]) async throws -> ChildProcess.Result {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-args-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        environment["STOREFRONT_DATA_DIR"] = dataDir.path
        return try await ChildProcess.run(StorefrontBinary.url, arguments, environment: environment, timeout: 120)
    }

    @Test func aThousandRepeatedFlagsAreBadInputWithTheLimit() async throws {
        let result = try await run(["catalog", "list"] + Array(repeating: "--in-stock", count: 1_000))
        #expect(result.status == 64, "stdout: \(result.stdout.prefix(200))\nstderr: \(result.stderr)")
        #expect(result.stderr.contains("The command has 1002 arguments; Storefront takes at most 256. Give each option once."))
        #expect(result.stdout.isEmpty)
    }

    @Test func withJSONTheRefusalIsTheErrorObject() async throws {
        let result = try await run(["catalog", "list", "--json"] + Array(repeating: "--in-stock", count: 1_000))
        #expect(result.status == 64)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        let error = try #require(json["error"] as? [String: Any])
        #expect(error["code"] as? String == "bad_input")
        #expect((error["message"] as? String)?.contains("at most 256") == true)
    }
}
