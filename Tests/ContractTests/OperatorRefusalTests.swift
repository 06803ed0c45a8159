import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// A top-up to a number the chosen operator does not serve: the server refuses the create. A script must be able
/// to tell that from input refused before anything was sent (64), and a person needs the operator that does serve
/// the number, not an API path.
@Suite struct OperatorRefusalTests {
    typealias Workspace = CheckoutCommandTests.Workspace

    /// A German number and a German operator that does not serve it, while another one does.
    static func mismatch(_ harness: SandboxHarness) async throws -> (number: String, wrong: String, right: [String]) {
        let german = try await harness.client.pages(Endpoints.products(country: "DE", type: .phoneRefill)).collectItems().map(\.id)
        for prefix in ["152", "155", "157", "159", "160", "162", "163", "170"] {
            let number = "+49\(prefix)1234567"
            guard let serving = try? await harness.client.send(Endpoints.checkPhoneNumber(number)).operators.map(\.id) else { continue }
            if let wrong = german.first(where: { !serving.contains($0) }), !serving.isEmpty { return (number, wrong, serving) }
        }
        Issue.record("no German number served by one operator and not another in this catalog")
        throw CancellationError()
    }

    @Test(arguments: SandboxDialect.allCases)
    func aNumberTheOperatorDoesNotServeIsARefusalWithItsOwnCodeNamingTheOperatorThatDoes(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let (number, wrong, right) = try await Self.mismatch(harness)
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", wrong, "--value", "10", "--phone", number, "--yes", "--json"])
            #expect(result.status == 65, "\(result.status): \(result.stderr)")
            let json = try workspace.json(result)
            #expect(json["purchase"] == nil, "an error object, not a purchase report: \(json)")
            let error = try #require(json["error"] as? [String: Any], "\(json)")
            #expect(error["code"] as? String == "unsupported_operator")
            let message = try #require(error["message"] as? String)
            #expect(right.contains { message.contains($0) }, "names an operator that serves \(number): \(message)")
            #expect(!message.contains("/check_phone_number") && !result.stderr.contains("/check_phone_number"), "\(message)")
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }
}
