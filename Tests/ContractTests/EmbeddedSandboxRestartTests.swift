import BitrefillAPI
import Foundation
import SandboxServer
import SandboxStorage
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// The embedded sandbox keeps its account in the data directory: stopped and started again (another port,
/// another process), it still has its invoices, goes on delivering them, and names itself the same to the
/// journal, so a purchase cut short resumes as it would against the real API.
@Suite struct EmbeddedSandboxRestartTests {
    final class Directory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-sandbox-\(UUID().uuidString)")
        var dataDirectory: DataDirectory { DataDirectory(url: url) }
        var sandboxFile: URL { url.appendingPathComponent(SandboxDatabase.fileName) }

        deinit { try? FileManager.default.removeItem(at: url) }

        /// The invoice ids the sandbox file holds, oldest first.
        func savedInvoiceIDs() throws -> [String] {
            try SandboxDatabase.open(at: sandboxFile).beginRun().invoices.map(\.id)
        }
    }

    private static let embedded = ConnectionSettings(target: .embeddedSandbox)
    private static let cryptoGiftCard = #"""
        {"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "bitcoin",
         "refund_address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
        """#

    private static func createInvoice(_ connection: Connection) async throws -> Invoice {
        try await connection.client.send(Endpoint<Invoice>(method: .post, path: "/invoices", body: Data(cryptoGiftCard.utf8), name: "POST /invoices"))
    }

    @Test func anInvoiceOutlivesARestartAndIsDeliveredAfterIt() async throws {
        let directory = Directory()
        let first = try await Connection.open(Self.embedded, dataDirectory: directory.dataDirectory, environment: [:])
        let invoice = try await Self.createInvoice(first)
        let source = first.purchaseSource
        await first.close()

        let second = try await Connection.open(Self.embedded, dataDirectory: directory.dataDirectory, environment: [:])
        defer { Task { await second.close() } }
        #expect(second.purchaseSource == source, "the journal must see the same API after a restart")
        let reloaded = try await second.client.send(Endpoints.invoice(id: invoice.id))
        #expect(reloaded.payment?.status == .unpaid)
        let later = try await Self.createInvoice(second)
        #expect(later.id != invoice.id)
        #expect(Set(later.orders.map(\.id)).isDisjoint(with: invoice.orders.map(\.id)))

        try await #require(second.sandboxControls).simulatePayment(invoiceId: invoice.id)
        let deadline = ContinuousClock.now + .seconds(120)
        var settled = try await second.client.send(Endpoints.invoice(id: invoice.id))
        while !settled.isSettled, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            settled = try await second.client.send(Endpoints.invoice(id: invoice.id))
        }
        #expect(settled.isSettled)
        for order in settled.orders {
            #expect(try await second.client.send(Endpoints.order(id: order.id)).redemptionInfo?.code != nil)
        }
    }

    @Test func theSandboxFileIsPrivateToItsOwner() async throws {
        let directory = Directory()
        let connection = try await Connection.open(Self.embedded, dataDirectory: directory.dataDirectory, environment: [:])
        await connection.close()
        let mode = try FileManager.default.attributesOfItem(atPath: directory.sandboxFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func anotherDataDirectoryIsAnotherSource() async throws {
        let one = Directory(), two = Directory()
        let first = try await Connection.open(Self.embedded, dataDirectory: one.dataDirectory, environment: [:])
        let second = try await Connection.open(Self.embedded, dataDirectory: two.dataDirectory, environment: [:])
        #expect(first.purchaseSource != second.purchaseSource)
        await first.close()
        await second.close()
    }

    @Test func aCryptoInvoiceWaitsForASimulatedPaymentUnlessPayAfterIsSet() throws {
        #expect(SandboxConfiguration.embedded.paymentDetectionDelay == nil)
        #expect(try SandboxConfiguration.embedded(environment: [:]).paymentDetectionDelay == nil)
        #expect(try SandboxConfiguration.embedded(environment: ["STOREFRONT_SANDBOX_PAY_AFTER": "8"]).paymentDetectionDelay == .seconds(8))
        #expect(throws: ConfigurationError.self) {
            try SandboxConfiguration.embedded(environment: ["STOREFRONT_SANDBOX_PAY_AFTER": "soon"])
        }
    }

    @Test func killedMidPurchaseThenRunAgainResumesTheSameInvoice() async throws {
        let directory = Directory()
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") && !$0.key.hasPrefix("STOREFRONT_") }
        environment["STOREFRONT_DATA_DIR"] = directory.url.path
        let arguments = ["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                         "--refund-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "--yes", "--json"]
        let running = try ChildProcess.start(CommandLineTests.binary, arguments, environment: environment)
        try await CheckoutCommandTests.waitUntil { running.stderrSoFar.contains("Pay ") }
        #expect(running.stderrSoFar.contains("Pay "), "the first run shows the payment request: \(running.stderrSoFar)")
        running.killNow()
        _ = await running.finished()
        let firstInvoices = try directory.savedInvoiceIDs()
        #expect(firstInvoices.count == 1)

        // Paid on the second run by the sandbox itself, from the invoice's creation: the restored invoice goes on.
        environment["STOREFRONT_SANDBOX_PAY_AFTER"] = "0"
        let again = try await ChildProcess.run(CommandLineTests.binary, arguments, environment: environment, timeout: 120)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("Continuing purchase"), "\(again.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], "\(again.stdout)")
        #expect(report["outcome"] as? String == "delivered")
        #expect(report["invoice"] as? String == firstInvoices.first)
        #expect(try directory.savedInvoiceIDs() == firstInvoices, "exactly one invoice")
    }
}
