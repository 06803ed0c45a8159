import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// The money path as a script drives it: run again after a kill, fed bad input, asked for JSON. Each test
/// pins a finding of the "money you can trust" issue.
@Suite struct PurchaseTrustTests {
    typealias Workspace = CheckoutCommandTests.Workspace

    static func error(_ result: ChildProcess.Result) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["error"] as? [String: Any]
    }

    @Test func aSettledBuyRunAgainIsRefusedUntilAgainAndAKeyAlwaysReturnsItsPurchase() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"]
            let first = try workspace.json(try await workspace.run(buy))
            let invoice = try #require(first["invoice"] as? String)

            let retried = try await workspace.run(buy)
            #expect(retried.status == 64, "\(retried.stderr)")
            #expect(retried.stderr.contains("Error: agent@test bought the same"), "\(retried.stderr)")
            #expect(retried.stderr.contains(invoice) && retried.stderr.contains("--again"))
            #expect(Self.error(retried)?["code"] as? String == "identical_purchase_recently")
            #expect(await harness.sandbox.control.invoiceCount() == 1, "the retried script bought nothing")

            #expect(try await workspace.run(buy + ["--again"]).status == 0)
            #expect(await harness.sandbox.control.invoiceCount() == 2)

            let keyed = ["buy", "test-gift-card-code", "--value", "20", "--idempotency-key", "ticket-77", "--yes", "--json"]
            let once = try workspace.json(try await workspace.run(keyed))
            let twice = try await workspace.run(keyed)
            #expect(twice.status == 0)
            #expect(try workspace.json(twice)["invoice"] as? String == once["invoice"] as? String)
            #expect(try workspace.json(twice)["idempotency_key"] as? String == "ticket-77")
            #expect(await harness.sandbox.control.invoiceCount() == 3)

            let reused = try await workspace.run(["buy", "test-gift-card-code", "--value", "30", "--idempotency-key", "ticket-77", "--yes", "--json"])
            #expect(reused.status == 64)
            #expect(Self.error(reused)?["code"] as? String == "idempotency_key_reused")
            #expect(await harness.sandbox.control.invoiceCount() == 3)
        }
    }

    @Test(arguments: [
        (["--value", "15"], "Choose 10 to 100"),
        (["--value", "abc"], "Choose 10 to 100"),
        (["--package", "nope"], "Choose 10 to 100"),
    ])
    func aValueTheProductDoesNotOfferIsRefusedBeforeAnythingIsSent(arguments: [String], allowed: String) async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code"] + arguments + ["--yes", "--json"])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains(allowed))
            #expect(Self.error(result)?["code"] as? String == "bad_input")
            #expect(await harness.sandbox.control.invoiceCount() == 0)
            #expect(try await workspace.run(["history"]).stdout.contains("test-gift-card-code") == false, "no refused purchase is stored")
        }
    }

    @Test func aUsageErrorWithJSONIsAlsoAJSONErrorObject() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let result = try await Workspace(harness).run(["buy", "test-gift-card-code", "--yes", "--json"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("Error: Choose the denomination"))
            #expect(Self.error(result)?["code"] as? String == "bad_input")
        }
    }

    @Test func aPhoneTopUpWithoutANumberIsRefusedLocally() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-phone-refill", "--value", "10", "--yes"])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("+15551234567"))
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func anUnknownProductIsNotFoundWhichScriptsDoNotRetry() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "nope", "--value", "10", "--yes", "--json"])
            #expect(result.status == 66, "\(result.stderr)")
            let error = try #require(Self.error(result))
            #expect(error["code"] as? String == "not_found")
            #expect(error["request"] as? String == "GET /products/{id}")
            #expect(try await workspace.run(["invoice", "show", "no-such-invoice"]).status == 66)
        }
    }

    @Test func anESIMPlanBoughtFromTheCommandLineGoesThroughTheESIMEndpointLikeTheTUI() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-esim", "--package", "1GB, 7 Days", "--yes", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try workspace.json(result)
            #expect(report["kind"] as? String == "esim")
            let line = try #require((report["lines"] as? [[String: Any]])?.first)
            #expect(line["product_id"] as? String == "test-esim")
            #expect(line["value"] as? String == "1GB, 7 Days")
        }
    }

    @Test func aRefundReadsInTheAccountUnitAndEqualsWhatWasCharged() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code-fail", "--value", "10", "--yes", "--json"])
            let report = try workspace.json(result)
            let order = try #require(CheckoutCommandTests.orders(report).first)
            let refund = try #require(order["refund"] as? String)
            #expect(refund.hasPrefix("0.000") && order["refund_currency"] as? String == "BTC", "sats read as sats, not as whole bitcoin: \(refund)")
            #expect(refund == report["payment_amount"] as? String)
            let text = try await workspace.run(["invoice", "show", try #require(report["invoice"] as? String)])
            #expect(text.stdout.contains("Refund: \(refund) BTC"))
        }
    }

    @Test func theDiagnosticLogTellsEachStepButNeverAKeyOrACode() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let log = workspace.directory.appendingPathComponent("diagnostic.log")
            try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
            let result = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json", "--reveal",
                                                  "--log-file", log.path])
            #expect(result.status == 0, "\(result.stderr)")
            let code = try #require(CheckoutCommandTests.orders(try workspace.json(result)).first?["code"] as? String)
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains("Invoice") && text.contains("Settled"), "each purchase step is logged: \(text)")
            #expect(!text.contains(code), "the code never reaches the log")
            #expect(!text.contains("sandbox-key"), "the API key never reaches the log")
            let mode = try FileManager.default.attributesOfItem(atPath: log.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func aCreateRefusedByARateLimitExitsAsRetryableAndTheRetryBuysOnce() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            await harness.sandbox.control.inject(ScriptedFault(.rateLimited(headers: [.xRateLimit], reset: .seconds(1)), pathPrefix: "/invoices", method: "POST"))
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--idempotency-key", "retry-after-429", "--yes"]
            let limited = try await workspace.run(buy)
            #expect(limited.status == 69, "nothing was bought and trying again will work: \(limited.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 0)
            let retried = try await workspace.run(buy)
            #expect(retried.status == 0, "\(retried.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    /// Two scripts run the same keyed `buy` at the same moment on one data directory: one purchase, and both
    /// print it (the engine test `theLoserOfTwoBuysWithOneKeyReturnsTheWinnersPurchase` pins the interleaving).
    @Test func twoBuysWithOneKeyAtOnceBothReturnTheOnePurchase() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            #expect(try await workspace.run(["history"]).status == 0, "the journal exists before the race")
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--idempotency-key", "race-26", "--yes", "--json"]
            let first = try workspace.start(buy)
            let second = try workspace.start(buy)
            let results = [await first.finished(timeout: 90), await second.finished(timeout: 90)]
            for result in results {
                #expect(result.status == 0, "\(result.status): \(result.stderr)")
                #expect(!result.stderr.contains("UNIQUE"), "\(result.stderr)")
            }
            let reports = try results.map { try workspace.json($0) }
            #expect(reports[0]["purchase"] as? String == reports[1]["purchase"] as? String)
            #expect(reports[0]["invoice"] as? String == reports[1]["invoice"] as? String)
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }
}
