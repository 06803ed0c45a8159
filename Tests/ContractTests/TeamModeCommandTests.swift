import Foundation
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// Team mode as a desk uses it: the real binary, `team init` against the test run's private PostgreSQL, then agents
/// with data directories of their own buying through the one team database.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamModeCommandTests {
    typealias Workspace = CheckoutCommandTests.Workspace

    /// A key file's folder and the environment that points an agent's workspace at the team database.
    final class Team {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-team-\(UUID().uuidString)")
        var keyFile: URL { folder.appendingPathComponent("team.key") }
        let url: String

        init(url: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.url = url
        }

        convenience init(server: PrivatePostgres, database: String) throws {
            try self.init(url: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)")
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func environment(_ workspace: Workspace) -> [String: String] {
            var environment = workspace.environment
            environment["STOREFRONT_DATABASE_URL"] = url
            environment["STOREFRONT_TEAM_KEY_FILE"] = keyFile.path
            environment["STOREFRONT_AGENT"] = "desk-agent@test"
            return environment
        }

        func run(_ workspace: Workspace, _ arguments: [String]) async throws -> ChildProcess.Result {
            try await Self.run(environment(workspace), arguments)
        }

        /// `storefront ARGUMENTS` as the agent `agent` on `workspace`'s host.
        func run(_ workspace: Workspace, as agent: String, _ arguments: [String]) async throws -> ChildProcess.Result {
            var environment = environment(workspace)
            environment["STOREFRONT_AGENT"] = agent
            return try await Self.run(environment, arguments)
        }

        static func run(_ environment: [String: String], _ arguments: [String]) async throws -> ChildProcess.Result {
            let result = try await ChildProcess.run(CommandLineTests.binary, arguments, environment: environment, timeout: 120)
            #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
            return result
        }
    }

    @Test func agentsOnFourHostsBuyingWithOneKeyMakeOneInvoiceAndAllPrintIt() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let team = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let alice = Workspace(harness)
            let bob = Workspace(harness)
            let initialised = try await team.run(alice, ["team", "init"])
            #expect(initialised.status == 0, "\(initialised.stderr)")
            #expect(initialised.stdout.contains("Wrote a new team key"))
            let key = try Data(contentsOf: team.keyFile)
            #expect(key.count == 32)
            #expect(try FileManager.default.attributesOfItem(atPath: team.keyFile.path)[.posixPermissions] as? Int == 0o600)
            let again = try await team.run(bob, ["team", "init"])
            #expect(again.status == 0 && again.stdout.contains("Kept the team key"), "\(again.stderr)")
            #expect(try Data(contentsOf: team.keyFile) == key, "init never replaces a key")

            // Two agents, and two more hosts of the desk, run one purchase under one key at the same moment.
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--idempotency-key", "ticket-k", "--yes", "--json"]
            let desks = [alice, bob, Workspace(harness), Workspace(harness)].map(team.environment)
            let results = try await withThrowingTaskGroup(of: ChildProcess.Result.self) { group in
                for desk in desks { group.addTask { try await Team.run(desk, buy) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results { #expect(result.status == 0, "\(result.stderr)") }
            let reports = try results.map { try alice.json($0) }
            let invoice = try #require(reports[0]["invoice"] as? String)
            #expect(Set(reports.compactMap { $0["invoice"] as? String }) == [invoice], "every host prints the one purchase")
            #expect(Set(reports.compactMap { $0["purchase"] as? String }).count == 1, "the one journal entry")
            #expect(reports.allSatisfy { $0["purchase"] != nil })
            #expect(await harness.sandbox.control.invoiceCount() == 1, "one invoice for one key across the team")

            let status = try await team.run(bob, ["team", "status"])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Schema version: \(TeamSchema.version)"), "\(status.stdout)")
            #expect(status.stdout.contains("Server: PostgreSQL"), "\(status.stdout)")
            #expect(status.stdout.contains("Agents in the last 24 hours: desk-agent@test"), "\(status.stdout)")
            #expect(status.stdout.contains("Purchases in flight: 0"), "\(status.stdout)")
            let history = try await team.run(bob, ["history"])
            #expect(history.stdout.contains(invoice), "the team's history holds alice's or bob's purchase: \(history.stdout)")
        }
    }

    @Test func anUnreachableTeamDatabaseStopsABuyBeforeAnythingIsSent() async throws {
        let nowhere = try Team(url: "postgres://postgres@/db?host=\(FileManager.default.temporaryDirectory.path)/no-server-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: nowhere.keyFile.path, contents: Data(repeating: 1, count: 32),
                                               attributes: [.posixPermissions: 0o600]))
        try await SandboxHarness.with(.observed) { harness in
            let agent = Workspace(harness)
            let result = try await nowhere.run(agent, ["buy", "test-gift-card-code", "--value", "10", "--yes"])
            #expect(result.status == 75, "\(result.stderr)")
            #expect(result.stderr.contains("unreachable; nothing was bought"), "\(result.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    /// Two agents on two hosts of one desk: each purchase names its agent and ticket, a ticket in flight is the other
    /// agent's to finish unless --again, an identical purchase names who made it, and the history filters by agent.
    @Test func agentsSeeWhoBoughtAndAColleaguesTicketInFlightIsRefusedNamingThem() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let team = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let alicesHost = Workspace(harness)
            let bobsHost = Workspace(harness)
            #expect(try await team.run(alicesHost, ["team", "init"]).status == 0)
            // A crypto invoice waits for its payment: alice's purchase for T-123 stays in flight.
            let waiting = try await team.run(alicesHost, as: "alice@desk2", [
                "buy", "test-gift-card-code", "--value", "10", "--payment", "bitcoin", "--refund-address",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "--ticket", "T-123", "--timeout", "0", "--yes", "--json"])
            #expect(waiting.status == 13, "\(waiting.stderr)")
            let alices = try alicesHost.json(waiting)
            #expect(alices["agent"] as? String == "alice@desk2")
            #expect(alices["ticket"] as? String == "T-123")
            let purchase = try #require(alices["purchase"] as? String)

            let refused = try await team.run(bobsHost, as: "bob@desk3", ["buy", "test-gift-card-code", "--value", "20", "--ticket", "T-123", "--yes", "--json"])
            #expect(refused.status == 64, "\(refused.stderr)")
            #expect(refused.stderr.contains("alice@desk2 is already buying for ticket T-123 (purchase \(purchase), "), "\(refused.stderr)")
            #expect(refused.stderr.contains("min ago); --again to buy anyway"), "\(refused.stderr)")
            #expect(PurchaseTrustTests.error(refused)?["code"] as? String == "ticket_in_flight")
            #expect(await harness.sandbox.control.invoiceCount() == 1, "nothing was sent for bob")

            let own = try await team.run(alicesHost, as: "alice@desk2", ["buy", "test-gift-card-code", "--value", "20", "--ticket", "T-123", "--yes"])
            #expect(own.status == 0, "alice's own ticket is her own work: \(own.stderr)")
            let anyway = try await team.run(bobsHost, as: "bob@desk3", ["buy", "test-gift-card-code", "--value", "30", "--ticket", "T-123",
                                                                        "--again", "--yes"])
            #expect(anyway.status == 0, "\(anyway.stderr)")

            let bobs = try await team.run(bobsHost, as: "bob@desk3", ["buy", "test-gift-card-code", "--value", "40", "--yes"])
            #expect(bobs.status == 0, "\(bobs.stderr)")
            let twice = try await team.run(alicesHost, as: "alice@desk2", ["buy", "test-gift-card-code", "--value", "40", "--yes"])
            #expect(twice.status == 64, "\(twice.stderr)")
            #expect(twice.stderr.contains("bob@desk3 bought the same 1 min ago; --again to buy again"), "\(twice.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 4)

            let everyone = try await team.run(bobsHost, as: "bob@desk3", ["history", "--json"])
            let listed = try #require(try JSONSerialization.jsonObject(with: Data(everyone.stdout.utf8)) as? [[String: Any]], "\(everyone.stderr)")
            #expect(listed.compactMap { $0["agent"] as? String }.sorted() == ["alice@desk2", "alice@desk2", "bob@desk3", "bob@desk3"])
            #expect(listed.compactMap { $0["ticket"] as? String } == ["T-123", "T-123", "T-123"])
            let mine = try await team.run(bobsHost, as: "bob@desk3", ["history", "--mine", "--json"])
            let bobsOwn = try #require(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]], "\(mine.stderr)")
            #expect(bobsOwn.count == 2 && bobsOwn.allSatisfy { $0["agent"] as? String == "bob@desk3" })
            let hers = try await team.run(bobsHost, as: "bob@desk3", ["history", "--agent", "alice@desk2"])
            #expect(hers.stdout.split(separator: "\n").count == 2, "\(hers.stdout)")
            #expect(hers.stdout.split(separator: "\n").allSatisfy { $0.contains("alice@desk2") && $0.contains("ticket T-123") }, "\(hers.stdout)")

            let shown = try await team.run(bobsHost, as: "bob@desk3", ["invoice", "show", purchase])
            #expect(shown.stdout.contains("Agent: alice@desk2  ·  Ticket: T-123"), "\(shown.stdout)")

            // Alice's buy stopped waiting and released its lease: no host works her purchase until someone resumes it.
            let free = try await team.run(bobsHost, ["team", "status"])
            let line = try #require(free.stdout.split(separator: "\n").first { $0.contains("alice@desk2  ") }, "\(free.stdout)")
            #expect(line.hasSuffix("alice@desk2  no host holds it: `storefront resume` takes it up"), "\(free.stdout)")
            // Carol's storefront on desk4 takes it up: status names her host until her lease runs out.
            _ = try server.psql(database, """
                UPDATE purchase SET lease_holder = 'carol@desk4 pid 77', lease_until = extract(epoch from clock_timestamp()) + 30 \
                WHERE id = '\(purchase)'
                """)
            let held = try await team.run(bobsHost, ["team", "status"])
            #expect(held.stdout.contains("alice@desk2  held by carol@desk4 pid 77, lease "), "\(held.stdout)")
            #expect(held.stdout.contains(" s left\n"), "\(held.stdout)")
        }
    }
}
