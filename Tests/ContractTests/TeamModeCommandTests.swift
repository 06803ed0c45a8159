import Foundation
import StorefrontTestSupport
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

        static func run(_ environment: [String: String], _ arguments: [String]) async throws -> ChildProcess.Result {
            let result = try await ChildProcess.run(CommandLineTests.binary, arguments, environment: environment, timeout: 120)
            #expect(!result.timedOut, "storefront \(arguments.joined(separator: " ")) did not finish in time")
            return result
        }
    }

    @Test func agentsOnFourHostsBuyingWithOneKeyMakeOneInvoiceAndAllPrintIt() async throws {
        let server = try PrivatePostgres.shared()
        let team = try Team(server: server, database: try server.makeDatabase())
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
            // Each part of team mode adds a step to the schema: any version but 0 (never migrated) is right here.
            #expect(status.stdout.contains("Schema version: ") && !status.stdout.contains("Schema version: 0"), "\(status.stdout)")
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
}
