import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// `storefront buy`, `invoice`, `history` as a script would run them, against a sandbox on loopback (so a
/// test can kill the program mid-purchase while the server, and its invoices, live on).
@Suite struct CheckoutCommandTests {
    /// One data directory (journal) for a test, and the CLI pointed at `harness`'s sandbox.
    final class Workspace {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-buy-\(UUID().uuidString)")
        let harness: SandboxHarness

        init(_ harness: SandboxHarness) {
            self.harness = harness
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var environment: [String: String] {
            var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
            env["BITREFILL_API_KEY"] = "sandbox-key"
            env["BITREFILL_API_URL"] = harness.sandbox.baseURL
            env["STOREFRONT_DATA_DIR"] = directory.path
            env["STOREFRONT_AGENT"] = "agent@test"
            return env
        }

        func run(_ arguments: [String], timeout: TimeInterval = 90) async throws -> ChildProcess.Result {
            let result = try await ChildProcess.run(CommandLineTests.binary, arguments, environment: environment, timeout: timeout)
            #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
            return result
        }

        func start(_ arguments: [String]) throws -> ChildProcess.Running {
            try ChildProcess.start(CommandLineTests.binary, arguments, environment: environment)
        }

        func json(_ result: ChildProcess.Result) throws -> [String: Any] {
            try #require((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any], "stdout: \(result.stdout) stderr: \(result.stderr)")
        }
    }

    static func orders(_ report: [String: Any]) -> [[String: Any]] { report["orders"] as? [[String: Any]] ?? [] }

    @Test(arguments: SandboxDialect.allCases)
    func aCodeIsDeliveredMaskedAndRevealedOnlyWhenAsked(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try workspace.json(result)
            #expect(report["outcome"] as? String == "delivered")
            let order = try #require(Self.orders(report).first)
            let code = try #require(order["code"] as? String)
            #expect(code.hasPrefix("••••••••"), "codes are masked by default")
            #expect(order["masked"] as? Bool == true)

            let invoice = try #require(report["invoice"] as? String)
            let revealed = try workspace.json(try await workspace.run(["invoice", "show", invoice, "--json", "--reveal"]))
            let plain = try #require(Self.orders(revealed).first?["code"] as? String)
            #expect(!plain.contains("•") && plain.hasSuffix(String(code.suffix(4))))
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func aFailingProductExitsAsFailedWithItsRefund(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code-fail", "--value", "10", "--yes", "--json"])
            #expect(result.status == 11, "\(result.stderr)")
            let order = try #require(Self.orders(try workspace.json(result)).first)
            #expect(order["refund"] as? String != nil, "the refund is shown")
            #expect(order["code"] == nil)
        }
    }

    @Test func aRefundRecordedAfterTheFailureIsStillShown() async throws {
        try await SandboxHarness.with(.observed, configure: { $0.deliveryDelay = .seconds(1) }) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code-fail", "--value", "10", "--yes", "--json"])
            #expect(result.status == 11, "\(result.stderr)")
            let order = try #require(Self.orders(try workspace.json(result)).first)
            #expect(order["refund"] as? String != nil, "the follower waits for the refund the sandbox records after the failure")
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func aLinkProductShowsItsLink(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-link", "--value", "10", "--yes"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Link: http"))
            #expect(result.stdout.contains("Outcome: delivered"))
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func aCartWithAPhoneTopUpAndAnESIMIsOneInvoice(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let plan = try await harness.client.send(Endpoints.esimPlan(id: "test-esim"))
            let label = try #require(plan.packages.first?.value)
            let cart = workspace.directory.appendingPathComponent("cart.json")
            try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
            let lines: [[String: Any]] = [
                ["product_id": "test-gift-card-code", "value": 10, "quantity": 2],
                ["product_id": "test-phone-refill", "value": 10, "phone_number": "+1 555 123 4567"],
                ["product_id": "test-esim", "value": label],
            ]
            try JSONSerialization.data(withJSONObject: lines).write(to: cart)
            let result = try await workspace.run(["buy", "--cart", cart.path, "--yes", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let orders = Self.orders(try workspace.json(result))
            #expect(orders.count == 4)
            #expect(orders.allSatisfy { $0["status"] as? String == "delivered" })
            #expect(orders.contains { $0["phone_number"] as? String == "+15551234567" })
            let esim = try #require(orders.first { ($0["barcode_value"] as? String) != nil })
            #expect((esim["barcode_value"] as? String)?.hasPrefix("LPA") == false, "the LPA payload is masked too")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func aPartialFailureExitsAsPartlyFailed() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let cart = workspace.directory.appendingPathComponent("cart.json")
            try FileManager.default.createDirectory(at: workspace.directory, withIntermediateDirectories: true)
            try Data(#"[{"product_id":"test-gift-card-code","value":10},{"product_id":"test-gift-card-code-fail","value":10}]"#.utf8).write(to: cart)
            let result = try await workspace.run(["buy", "--cart", cart.path, "--yes", "--json"])
            #expect(result.status == 10, "\(result.stderr)")
            #expect(try workspace.json(result)["outcome"] as? String == "partly_failed")
        }
    }

    @Test func aLowBalanceIsRefusedAndNothingIsBought() async throws {
        try await SandboxHarness.with(.observed, configure: { $0.initialBalance = 10 }) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code", "--value", "100", "--yes"])
            #expect(result.status == 11, "\(result.stderr)")
            #expect(result.stderr.lowercased().contains("balance"))
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func anOutOfStockProductIsRefused() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let products = try await harness.client.pages(Endpoints.products()).collectItems()
            let sold = try #require(products.first { $0.inStock == false && !$0.packages.isEmpty })
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", sold.id, "--package", sold.packages[0].id, "--yes"])
            #expect(result.status == 11, "\(result.stderr)")
            #expect(result.stderr.contains("stock"))
        }
    }

    @Test func badInputIsRefusedBeforeAnyRequest() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let noYes = try await workspace.run(["buy", "test-gift-card-code", "--value", "10"])
            #expect(noYes.status == 64)
            #expect(noYes.stderr.contains("--yes"))
            let badAddress = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                                                "--refund-address", "0x1234", "--yes"])
            #expect(badAddress.status == 64)
            #expect(badAddress.stderr.contains("not a bitcoin address"))
            let badValue = try await workspace.run(["buy", "test-gift-card-code", "--value", "7.123", "--yes"])
            #expect(badValue.status == 64, "\(badValue.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func aCryptoInvoicePaidBySimulationIsDelivered(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let running = try workspace.start(["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                                               "--refund-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "--yes", "--json"])
            let invoice = try await Self.waitForInvoice(harness)
            try await Self.waitUntil("the command asks for the payment") { running.stderrSoFar.contains("Pay ") }
            #expect(running.stderrSoFar.contains("Pay 0.0"), "the address and exact amount are shown while waiting")
            try await harness.sandbox.control.simulatePayment(invoiceID: invoice.id)
            let result = await running.finished(timeout: 60)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try workspace.json(result)["outcome"] as? String == "delivered")
        }
    }

    @Test func anUnpaidInvoiceExpires() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let running = try workspace.start(["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                                               "--refund-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "--yes", "--json"])
            let invoice = try await Self.waitForInvoice(harness)
            try await harness.sandbox.control.expireInvoice(invoiceID: invoice.id)
            let result = await running.finished(timeout: 60)
            #expect(result.status == 12, "\(result.stderr)")
            #expect(try workspace.json(result)["outcome"] as? String == "expired")
        }
    }

    @Test func aLostCreateAnswerIsReconciledWithoutADuplicate() async throws {
        try await SandboxHarness.with(.observed) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.dropConnection, pathPrefix: "/invoices", method: "POST", timing: .afterHandling))
            let workspace = Workspace(harness)
            let result = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("create had worked"))
            #expect(try workspace.json(result)["outcome"] as? String == "delivered")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func aCreateThatNeverArrivedIsProvenAbsentThenSentOnce() async throws {
        try await SandboxHarness.with(.observed) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.dropConnection, pathPrefix: "/invoices", method: "POST", timing: .beforeHandling))
            let workspace = Workspace(harness)
            let first = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes"])
            #expect(first.status == 69, "\(first.stderr)")
            #expect(first.stderr.contains("nothing was bought"))
            let again = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func killedWhileTheCreateIsInFlightThenRunAgainBuysOnce() async throws {
        try await SandboxHarness.with(.observed) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.delay(.seconds(120)), pathPrefix: "/invoices", method: "POST", timing: .afterHandling))
            let workspace = Workspace(harness)
            let running = try workspace.start(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            _ = try await Self.waitForInvoice(harness)
            running.killNow()
            _ = await running.finished()
            let again = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stderr.contains("Continuing purchase"))
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func killedWhileFollowingThenWatchedFinishesTheSameInvoice() async throws {
        try await SandboxHarness.with(.observed, configure: { $0.deliveryDelay = .seconds(4) }) { harness in
            let workspace = Workspace(harness)
            let running = try workspace.start(["buy", "test-gift-card-code", "--value", "10", "--yes"])
            let invoice = try await Self.waitForInvoice(harness)
            try await Self.waitUntil("the invoice is created") { running.stderrSoFar.contains("created") }
            running.killNow()
            _ = await running.finished()
            let history = try await workspace.run(["history"])
            #expect(history.stdout.contains(invoice.id))
            let watched = try await workspace.run(["invoice", "watch", invoice.id, "--json"])
            #expect(watched.status == 0, "\(watched.stderr)")
            let last = try #require(watched.stdout.split(separator: "\n").last)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            #expect(report["outcome"] as? String == "delivered")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func historyFindsAPurchaseByTheEndOfItsCode() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let bought = try workspace.json(try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"]))
            let masked = try #require(Self.orders(bought).first?["code"] as? String)
            let found = try await workspace.run(["history", "--search", String(masked.suffix(4))])
            #expect(found.stdout.contains(bought["invoice"] as? String ?? "?"))
            let none = try await workspace.run(["history", "--search", "no-such-thing"])
            #expect(none.stdout.contains("No purchase matches"))
        }
    }

    /// Issue 18, items 11 and 12: `history --search` finds a gift card by the end of its link, as the screen shows
    /// it (`https://redeem.sandbox.example/••••••••NEW9`, its last four characters), and a refill by its number
    /// typed in national form.
    @Test func historyFindsALinkByItsEndAndANumberInNationalForm() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let card = try workspace.json(try await workspace.run(["buy", "test-gift-card-link", "--value", "10", "--yes", "--json"]))
            let link = try #require(Self.orders(card).first?["link"] as? String)
            let byLink = try await workspace.run(["history", "--search", String(link.suffix(4))])
            #expect(byLink.stdout.contains(card["invoice"] as? String ?? "?"), "\(link): \(byLink.stdout)")
            let refill = try workspace.json(try await workspace.run(["buy", "test-phone-refill", "--value", "10", "--phone", "+447700900123",
                                                                     "--yes", "--json"]))
            let byNumber = try await workspace.run(["history", "--search", "07700 900123"])
            #expect(byNumber.stdout.contains(refill["invoice"] as? String ?? "?"), "\(byNumber.stdout)")
            #expect(!byNumber.stdout.contains(card["invoice"] as? String ?? "?"))
        }
    }

    /// The invoice the program under test made, once the sandbox has it; the two minutes only guard
    /// against a hang (a child process can take long to start on a busy machine).
    static func waitForInvoice(_ harness: SandboxHarness) async throws -> Invoice {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let invoice = try await harness.client.send(Endpoints.invoices()).first { return invoice }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }

    /// Returns once `condition` holds, or after two minutes (a guard against a hang, not a time limit).
    /// Waits until `condition` holds; records a failure naming `what` if it never does (a hang guard, not a limit).
    static func waitUntil(_ what: String = "the condition", _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("Timed out waiting until \(what).")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
