import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// `storefront invoice list`, `order list` and `order show` as a support person or a script runs them, against a
/// sandbox whose invoices were mostly made by plain HTTP calls, not by Storefront.
@Suite struct AccountListCommandTests {
    final class Workspace {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-account-\(UUID().uuidString)")
        let account: AccountSandbox

        init(_ account: AccountSandbox) {
            self.account = account
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func run(_ arguments: [String]) async throws -> ChildProcess.Result {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
            environment["BITREFILL_API_KEY"] = "sandbox-key"
            environment["BITREFILL_API_URL"] = account.sandbox.baseURL
            environment["STOREFRONT_DATA_DIR"] = directory.path
            environment["COLUMNS"] = "200"
            let result = try await ChildProcess.run(CommandLineTests.binary, arguments, environment: environment, timeout: 120)
            #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
            return result
        }

        func rows(_ arguments: [String]) async throws -> [[String: Any]] {
            let result = try await run(arguments + ["--json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result.stdout)")
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func invoicesMadeElsewhereAreListedAndTheOneMadeHereIsMarkedOnce(dialect: SandboxDialect) async throws {
        try await AccountSandbox.with(dialect) { account in
            let workspace = Workspace(account)
            var elsewhere = try await account.createInvoices(30)
            let bought = try await workspace.run(["buy", "test-phone-refill", "--value", "10", "--phone", "+15551234567", "--yes", "--json"])
            #expect(bought.status == 0, "\(bought.stderr)")
            let mine = try #require((try JSONSerialization.jsonObject(with: Data(bought.stdout.utf8)) as? [String: Any])?["invoice"] as? String)
            await account.sandbox.control.advanceClock(by: .seconds(60))
            elsewhere += try await account.createInvoices(25)

            let invoices = try await workspace.rows(["invoice", "list"])
            #expect(invoices.count == 56, "more than one page of 50")
            #expect(invoices.compactMap { $0["id"] as? String }.filter { $0 != mine } == elsewhere.reversed())
            let marked = invoices.filter { $0["made_here"] as? Bool == true }
            #expect(marked.count == 1)
            #expect(marked.first?["id"] as? String == mine)
            #expect(marked.first?["operator"] as? String == "Test Phone Refill")
            #expect(invoices.first?["payment_method"] as? String == "balance")

            let table = try await workspace.run(["invoice", "list"])
            #expect(table.status == 0)
            #expect(table.stdout.contains("HERE") && table.stdout.contains(mine) && table.stdout.contains("yes"))

            let csv = try await workspace.run(["invoice", "list", "--csv"])
            let lines = csv.stdout.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("date,invoice,status") == true)
            #expect(lines.count == 57)

            let orders = try await workspace.rows(["order", "list"])
            #expect(orders.count == 56)
            #expect(orders.filter { $0["made_here"] as? Bool == true }.count == 1)
        }
    }

    @Test func sinceUntilSearchAndStatusNarrowTheList() async throws {
        try await AccountSandbox.with(.observed) { account in
            let workspace = Workspace(account)
            let ids = try await account.createInvoices(6)
            let refill = try await account.createInvoiceOverHTTP(product: "test-phone-refill", phone: "+15557654321", email: "ana@example.com")
            let failed = try await account.createInvoiceOverHTTP(product: "test-gift-card-code-fail")

            // Invoice i was made at start + i minutes.
            let since = Timestamps.iso8601(AccountSandbox.start.addingTimeInterval(2 * 60))
            let until = Timestamps.iso8601(AccountSandbox.start.addingTimeInterval(4 * 60))
            let window = try await workspace.rows(["invoice", "list", "--since", since, "--until", until])
            #expect(window.compactMap { $0["id"] as? String } == [ids[3], ids[2]])

            #expect(try await workspace.rows(["invoice", "list", "--search", "+1 555 765"]).compactMap { $0["id"] as? String } == [refill])
            #expect(try await workspace.rows(["invoice", "list", "--search", "ANA@example"]).compactMap { $0["id"] as? String } == [refill])
            let failedOrders = try await workspace.rows(["order", "list", "--status", "permanent_failure"])
            #expect(failedOrders.compactMap { $0["invoice_id"] as? String } == [failed])

            let bad = try await workspace.run(["invoice", "list", "--since", "last tuesday", "--json"])
            #expect(bad.status == 64)
            #expect(bad.stdout.contains("\"bad_input\""))
        }
    }

    @Test func a429MidListingFailsWithItsExitCodeInsteadOfPrintingPartOfTheList() async throws {
        try await AccountSandbox.with(.docs) { account in
            let workspace = Workspace(account)
            try await account.createInvoices(5)
            // The invoices are read; the orders, read next for the phone numbers, meet a limit lasting an hour.
            await account.sandbox.control.inject(ScriptedFault(.rateLimited(headers: [.rateLimit], reset: .seconds(3600)), pathPrefix: "/orders"))
            let result = try await workspace.run(["invoice", "list", "--search", "test", "--json"])
            #expect(result.status == 69, "\(result.stderr)")
            let error = try #require((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["error"] as? [String: Any],
                                     "\(result.stdout)")
            #expect(error["code"] as? String == "rate_limited")
            #expect(error["request"] as? String == "GET /orders")
            #expect((error["message"] as? String)?.contains("not complete") == true)
            #expect(!result.stdout.contains("\"id\""), "no partial list on stdout")
        }
    }

    @Test func orderShowOpensAnOrderMadeElsewhere() async throws {
        try await AccountSandbox.with(.observed) { account in
            let workspace = Workspace(account)
            let invoice = try await account.createInvoiceOverHTTP()
            let order = try #require(try await account.client.send(Endpoints.invoice(id: invoice)).orders.first)
            let result = try await workspace.run(["order", "show", order.id, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains(order.id))
            #expect(result.stdout.contains("••••"), "masked without --reveal")
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func theOrdersOfAnInvoiceMadeHereSayMadeHereLikeTheirInvoice(dialect: SandboxDialect) async throws {
        try await AccountSandbox.with(dialect) { account in
            let workspace = Workspace(account)
            _ = try await account.createInvoices(2)
            let bought = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--quantity", "2", "--yes", "--json"])
            #expect(bought.status == 0, "\(bought.stderr)")
            let purchase = try #require((try JSONSerialization.jsonObject(with: Data(bought.stdout.utf8)) as? [String: Any])?["purchase"] as? String)

            for invoice in try await workspace.rows(["invoice", "list"]) {
                let orders = try #require(invoice["orders"] as? [[String: Any]])
                #expect(!orders.isEmpty)
                for order in orders {
                    #expect(order["made_here"] as? Bool == invoice["made_here"] as? Bool, "invoice \(invoice["id"] ?? "?"): \(order)")
                    #expect(order["purchase_id"] as? String == invoice["purchase_id"] as? String)
                }
                if invoice["made_here"] as? Bool == true { #expect(invoice["purchase_id"] as? String == purchase) }
            }
        }
    }
}
