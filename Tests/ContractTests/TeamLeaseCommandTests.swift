import Foundation
import StorefrontTestSupport
import TeamJournal
import Testing

/// Leases as a desk meets them, with the real binary: a purchase whose host was killed is finished by
/// `storefront resume` on another host, and many hosts racing one idempotency key make one invoice.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamLeaseCommandTests {
    typealias Workspace = CheckoutCommandTests.Workspace
    typealias Team = TeamModeCommandTests.Team

    /// Waits (really, briefly) until `done` holds: for an event of another process, never for a length of time.
    static func waitFor(_ what: @autoclosure () -> String, timeout: TimeInterval = 120, _ done: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !done() {
            guard Date() < deadline else {
                Issue.record("Still waiting for \(what())")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func aPurchaseWhoseHostWasKilledIsFinishedByResumeOnAnotherHost() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let team = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let hostA = Workspace(harness)
            let hostB = Workspace(harness)
            #expect(try await team.run(hostA, ["team", "init"]).status == 0)
            var alice = team.environment(hostA)
            alice["STOREFRONT_AGENT"] = "alice@desk1"
            var bob = team.environment(hostB)
            bob["STOREFRONT_AGENT"] = "bob@desk2"

            // Host A buys with bitcoin and follows the invoice while it waits for the customer's payment; then it dies.
            let buying = try ChildProcess.start(CommandLineTests.binary, ["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                                                                         "--refund-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                                                                         "--yes", "--timeout", "600"], environment: alice)
            try await Self.waitFor("host A waiting for the payment: \(buying.stderrSoFar)") { buying.stderrSoFar.contains("Pay ") }
            buying.killNow()
            _ = await buying.finished()
            let invoice = try server.psql(database, "SELECT invoice_id FROM purchase").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!invoice.isEmpty)

            // Host A's lease runs out 30 s after its last renewal: the lease is moved back 30 s instead of the test waiting.
            _ = try server.psql(database, "UPDATE purchase SET lease_until = lease_until - 30")
            try await harness.sandbox.control.simulatePayment(invoiceID: invoice)
            let resumed = try await Team.run(bob, ["resume", "--json"])
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [[String: Any]], "\(resumed.stdout)")
            #expect(reports.count == 1)
            #expect(reports.first?["invoice"] as? String == invoice)
            #expect(reports.first?["outcome"] as? String == "delivered", "\(resumed.stdout)")
            #expect(try server.psql(database, "SELECT stage, lease_holder IS NULL FROM purchase") == "settled|t\n", "finished, and its lease freed")
            #expect(await harness.sandbox.control.invoiceCount() == 1, "nothing was bought again")
            let again = try await Team.run(bob, ["resume"])
            #expect(again.stderr.contains("Nothing to resume"), "\(again.stderr)")
        }
    }

    @Test func twentyProcessesRacingOneKeyMakeOneInvoiceAndEachPrintsIt() async throws {
        let server = try PrivatePostgres.shared()
        let team = try Team(server: server, database: try server.makeDatabase())
        try await SandboxHarness.with(.observed) { harness in
            let first = Workspace(harness)
            #expect(try await team.run(first, ["team", "init"]).status == 0)
            let hosts = [first] + (1..<20).map { _ in Workspace(harness) }
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--idempotency-key", "ticket-20", "--yes", "--json"]
            let results = try await withThrowingTaskGroup(of: ChildProcess.Result.self) { group in
                for host in hosts {
                    let environment = team.environment(host)
                    group.addTask { try await ChildProcess.run(CommandLineTests.binary, buy, environment: environment, timeout: 300) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 20)
            for result in results { #expect(result.status == 0 && !result.timedOut, "\(result.stderr)") }
            let invoices = results.map { (try? first.json($0))?["invoice"] as? String }
            let invoice = try #require(invoices.first ?? nil)
            #expect(invoices.allSatisfy { $0 == invoice }, "every process prints the one invoice: \(invoices)")
            #expect(await harness.sandbox.control.invoiceCount() == 1, "one invoice for one key across 20 processes")
        }
    }
}
