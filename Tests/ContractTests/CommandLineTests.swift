import Foundation
import StorefrontTestSupport
import Testing

/// The real `storefront` binary, run as a user would.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL { StorefrontBinary.url }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
        env["STOREFRONT_DATA_DIR"] = dataDir.path
        env.merge(environment) { _, new in new }
        let result = try await ChildProcess.run(Self.binary, arguments, environment: env, timeout: 120)
        #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
        return Run(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func balanceAsJSONAgainstTheEmbeddedSandbox() async throws {
        let result = try await run(["balance", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["mode"] as? String == "sandbox")
        #expect(json["currency"] as? String == "BTC")
        #expect((json["balance"] as? String).flatMap { Decimal(string: $0) } ?? 0 > 0, "a decimal string in BTC: \(json)")
    }

    @Test func pingSaysWhereItWent() async throws {
        let result = try await run(["ping"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("SANDBOX http://127.0.0.1:"))
        #expect(result.stdout.contains("pong"))
    }

    @Test func helpNeverShowsSecretsFromTheEnvironment() async throws {
        let result = try await run(["balance", "--help"], environment: ["BITREFILL_API_KEY": "sk_live_SUPERSECRET"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--api-key"))
        #expect(!(result.stdout + result.stderr).contains("SUPERSECRET"))
    }

    @Test func unreachableAPIIsAnAPIErrorWithoutTheKey() async throws {
        let result = try await run(["balance", "--api-url", "http://127.0.0.1:9/v2"], environment: ["BITREFILL_API_KEY": "sk_live_SUPERSECRET"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("Could not connect to 127.0.0.1:9"))
        #expect(!(result.stdout + result.stderr).contains("SUPERSECRET"))
    }

    @Test func halfACredentialPairIsBadInput() async throws {
        let result = try await run(["balance"], environment: ["BITREFILL_API_ID": "only-the-id"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("BITREFILL_API_SECRET is not"))
    }
}
