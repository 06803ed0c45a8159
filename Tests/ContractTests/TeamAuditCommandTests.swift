import Foundation
import StorefrontTestSupport
import TeamJournal
import Testing

/// Reveals audited and roles enforced, as a desk meets them: the real binary against the test run's private PostgreSQL.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamAuditCommandTests {
    typealias Workspace = CheckoutCommandTests.Workspace
    typealias Team = TeamModeCommandTests.Team

    static func events(_ result: ChildProcess.Result) throws -> [[String: Any]] {
        try #require((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]], "stdout: \(result.stdout) stderr: \(result.stderr)")
    }

    @Test func everyRevealInTheCommandLineIsAuditedAndTeamAuditListsIt() async throws {
        let server = try PrivatePostgres.shared()
        let team = try Team(server: server, database: try server.makeDatabase())
        try await SandboxHarness.with(.observed) { harness in
            let alice = Workspace(harness)
            #expect(try await team.run(alice, ["team", "init"]).status == 0)
            let masked = try await team.run(alice, ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            #expect(masked.status == 0, "\(masked.stderr)")
            let invoice = try #require(try alice.json(masked)["invoice"] as? String)
            #expect(try Self.events(try await team.run(alice, ["team", "audit", "--json"])).isEmpty, "a masked report reveals nothing")

            let revealed = try await team.run(alice, ["buy", "test-gift-card-code", "--value", "10", "--again", "--yes", "--json", "--reveal"])
            #expect(revealed.status == 0, "\(revealed.stderr)")
            let report = try alice.json(revealed)
            let order = try #require(CheckoutCommandTests.orders(report).first)
            let code = try #require(order["code"] as? String)
            #expect(!code.contains("•"), "--reveal shows the code once its reveal is recorded")
            let shown = try await team.run(alice, ["invoice", "show", invoice, "--reveal", "--receipt"])
            #expect(shown.status == 0, "\(shown.stderr)")

            let audit = try await team.run(alice, ["team", "audit", "--json"])
            let events = try Self.events(audit)
            #expect(events.map { $0["how"] as? String } == ["--reveal", "--reveal", "receipt"], "\(audit.stdout)")
            #expect(events.allSatisfy { $0["agent"] as? String == "desk-agent@test" && $0["database_role"] as? String == server.user })
            #expect(events[0]["invoice"] as? String == report["invoice"] as? String)
            #expect(events[0]["order"] as? String == order["id"] as? String)
            #expect(events[1]["invoice"] as? String == invoice && events[1]["purchase"] as? String != nil)
            #expect(!audit.stdout.contains(code) && !audit.stdout.contains(String(code.suffix(4))), "the audit never holds a code")

            let text = try await team.run(alice, ["team", "audit", "--since", "1h", "--agent", "desk-agent@test"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.split(separator: "\n").count == 3 && text.stdout.contains("receipt") && text.stdout.contains(invoice), "\(text.stdout)")
            #expect(try await team.run(alice, ["team", "audit", "--agent", "someone-else"]).stdout.contains("No reveals recorded"))
            #expect(try Self.events(try await team.run(alice, ["team", "audit", "--since", "2099-01-01", "--json"])).isEmpty)
            let bad = try await team.run(alice, ["team", "audit", "--since", "yesterday-ish"])
            #expect(bad.status == 64 && bad.stderr.contains("90s, 30m, 24h, 7d, 2w"), "\(bad.stderr)")
        }
    }

    @Test func aLookupAgentAddedByTheOwnerRevealsAuditedButItsBuyIsRefusedBeforeAnythingIsSent() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let owner = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let admin = Workspace(harness)
            #expect(try await owner.run(admin, ["team", "init"]).status == 0)
            let bought = try await owner.run(admin, ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            let invoice = try #require(try admin.json(bought)["invoice"] as? String)

            let name = "carol_" + UUID().uuidString.prefix(8).lowercased()
            let added = try await owner.run(admin, ["team", "add-agent", name, "--role", "lookup"])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains("storefront_lookup"), "\(added.stdout)")
            let url = try #require(added.stdout.split(separator: "\n").last.map(String.init))
            #expect(url.hasPrefix("postgres://\(name):") && url.contains("@/\(database)?host="), "\(url)")

            let carol = try Team(url: url)
            try FileManager.default.copyItem(at: owner.keyFile, to: carol.keyFile)
            let desk = Workspace(harness)
            let before = await harness.sandbox.control.invoiceCount()
            let buy = try await carol.run(desk, ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"])
            #expect(buy.status == 77, "\(buy.stderr)")
            #expect(buy.stderr.contains("lookup") && buy.stderr.contains("cannot buy") && buy.stderr.contains("buyer role"), "\(buy.stderr)")
            #expect(buy.stdout.contains("\"role_cannot_buy\""), "\(buy.stdout)")
            #expect(await harness.sandbox.control.invoiceCount() == before, "nothing was sent")

            let shown = try await carol.run(desk, ["invoice", "show", invoice, "--reveal", "--json"])
            #expect(shown.status == 0, "\(shown.stderr)")
            let code = try #require(CheckoutCommandTests.orders(try desk.json(shown)).first?["code"] as? String)
            #expect(!code.contains("•"), "a lookup agent reveals codes")
            let events = try Self.events(try await owner.run(admin, ["team", "audit", "--json"]))
            #expect(events.map { $0["database_role"] as? String } == [name], "audited under carol's own login")
            #expect(try await carol.run(desk, ["history"]).stdout.contains(invoice), "a lookup agent reads the team's history")
        }
    }
}
