import Foundation
import StorefrontTestSupport
import Testing

/// `storefront ssh serve` in team mode, with the real binary: while it serves, it finishes a purchase whose host was
/// killed, as `storefront resume` would, without anyone asking.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamSSHServeResumeTests {
    typealias Workspace = CheckoutCommandTests.Workspace
    typealias Team = TeamModeCommandTests.Team

    @Test func aRunningSSHServerFinishesAPurchaseWhoseHostWasKilled() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let team = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let hostA = Workspace(harness)
            let desk = Workspace(harness)
            #expect(try await team.run(hostA, ["team", "init"]).status == 0)
            var serverEnvironment = team.environment(desk)
            serverEnvironment["STOREFRONT_AGENT"] = "desk-server@test"
            // The server looks every few tenths of a second instead of every 15 s; the test waits for what it does.
            let serving = try ChildProcess.start(CommandLineTests.binary, ["ssh", "serve", "--port", "0", "--resume-every", "0.2"],
                                                 environment: serverEnvironment)
            defer { serving.killNow() }
            try await TeamLeaseCommandTests.waitFor("the server to listen: \(serving.stderrSoFar)") {
                serving.stdoutSoFar.contains("Storefront over SSH on") || serving.hasEnded
            }
            try #require(!serving.hasEnded, "ssh serve stopped: \(serving.stderrSoFar)")

            // Host A buys with bitcoin and follows the invoice while it waits for the customer's payment; then it dies.
            var alice = team.environment(hostA)
            alice["STOREFRONT_AGENT"] = "alice@desk1"
            let buying = try ChildProcess.start(CommandLineTests.binary, ["buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin",
                                                                         "--refund-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                                                                         "--yes", "--timeout", "600"], environment: alice)
            try await TeamLeaseCommandTests.waitFor("host A waiting for the payment: \(buying.stderrSoFar)") { buying.stderrSoFar.contains("Pay ") }
            buying.killNow()
            _ = await buying.finished()
            let invoice = try server.psql(database, "SELECT invoice_id FROM purchase").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!invoice.isEmpty)
            try await harness.sandbox.control.simulatePayment(invoiceID: invoice)

            // Host A's lease runs out 30 s after its last renewal: the lease is moved back 30 s instead of the test waiting.
            _ = try server.psql(database, "UPDATE purchase SET lease_until = lease_until - 30")
            try await TeamLeaseCommandTests.waitFor("the server to finish \(invoice): \(serving.stderrSoFar)") {
                serving.stderrSoFar.contains("ssh: invoice \(invoice): ")
            }
            let takenUp = serving.stderrSoFar.components(separatedBy: "ssh: taking up invoice \(invoice): no storefront is working on it").count - 1
            #expect(takenUp == 1, "taken up once: \(serving.stderrSoFar)")
            #expect(serving.stderrSoFar.contains("ssh: invoice \(invoice): delivered"), "\(serving.stderrSoFar)")
            let row = try server.psql(database, "SELECT stage, lease_holder FROM purchase")
            #expect(row == "settled|\n", "finished, and its lease freed: \(row) \(serving.stderrSoFar)")
            #expect(await harness.sandbox.control.invoiceCount() == 1, "nothing was bought again")
        }
    }
}
