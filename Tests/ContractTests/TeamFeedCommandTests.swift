import Foundation
import StorefrontTestSupport
import Testing

/// `storefront team feed` as an agent watches the desk: the real binary against the test run's private PostgreSQL,
/// colleagues buying through their own data directories meanwhile.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamFeedCommandTests {
    typealias Team = TeamModeCommandTests.Team
    typealias Workspace = CheckoutCommandTests.Workspace

    struct NeverPrinted: Error, CustomStringConvertible {
        let description: String
    }

    /// Waits until the running feed printed what `condition` looks for (bounded: a feed that never prints fails).
    static func waitFor(_ what: String, in feed: ChildProcess.Running, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let printed = feed.stdoutSoFar
            if condition(printed) { return printed }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw NeverPrinted(description: "the feed never printed \(what): stdout \(feed.stdoutSoFar) stderr \(feed.stderrSoFar)")
    }

    static func objects(_ printed: String) throws -> [[String: Any]] {
        try printed.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not one JSON object: \(line)")
        }
    }

    @Test func theFeedPrintsWhatIsThereThenEveryChangeAsItHappensSanitised() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let team = try Team(server: server, database: database)
        try await SandboxHarness.with(.observed) { harness in
            let alice = Workspace(harness)
            let bob = Workspace(harness)
            #expect(try await team.run(alice, ["team", "init"]).status == 0)
            let buy = ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"]
            let first = try alice.json(try await team.run(alice, buy))
            let firstInvoice = try #require(first["invoice"] as? String)

            let json = try ChildProcess.start(CommandLineTests.binary, ["team", "feed", "--json", "--lines", "5"], environment: team.environment(bob))
            let text = try ChildProcess.start(CommandLineTests.binary, ["team", "feed", "--lines", "1"], environment: team.environment(bob))
            let shown = try await Self.waitFor("alice's purchase", in: json) { $0.contains(firstInvoice) }
            let current = try Self.objects(shown)
            #expect(current.count == 1 && current[0]["event"] as? String == "current", "\(shown)")
            #expect(current.first?["stage"] as? String == "settled")
            #expect(current.first?["agent"] as? String == "desk-agent@test")
            #expect((current.first?["products"] as? String)?.hasPrefix("Test Gift Card Code") == true)
            let header = try await Self.waitFor("the header and alice's purchase", in: text) { $0.contains(firstInvoice) }
            #expect(header.hasPrefix("TIME"), "\(header)")

            let second = try bob.json(try await team.run(bob, buy + ["--again"]))
            let secondInvoice = try #require(second["invoice"] as? String)
            let changed = try await Self.waitFor("bob's purchase settled", in: json) { printed in
                ((try? Self.objects(printed)) ?? []).contains { $0["invoice"] as? String == secondInvoice && $0["stage"] as? String == "settled" }
            }
            let bobs = try Self.objects(changed).filter { $0["invoice"] as? String == secondInvoice || $0["purchase"] as? String == second["purchase"] as? String }
            #expect(bobs.allSatisfy { $0["event"] as? String == "changed" })
            let seqs = bobs.compactMap { $0["seq"] as? Int }
            #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count, "each change once, in order: \(bobs)")
            _ = try await Self.waitFor("bob's purchase in text", in: text) { $0.contains(secondInvoice) && $0.contains("settled") }

            // Anyone who can write to the database can put escape sequences in a row: they reach no terminal.
            _ = try server.psql(database, #"UPDATE purchase SET agent = E'mallory\x1b]0;owned\x07@desk\u202e' WHERE invoice_id = '\#(firstInvoice)'"#)
            let hostile = try await Self.waitFor("the renamed agent", in: json) { $0.contains("mallory@desk") }
            let hostileText = try await Self.waitFor("the renamed agent in text", in: text) { $0.contains("mallory@desk") }
            for printed in [hostile, hostileText] {
                #expect(!printed.contains("\u{1B}") && !printed.contains("\u{202E}") && !printed.contains("\u{7}"), "\(printed)")
                #expect(!printed.contains("owned"))
            }
            kill(json.pid, SIGTERM)
            kill(text.pid, SIGTERM)
            #expect(await json.finished(timeout: 30).status == 0)
            #expect(await text.finished(timeout: 30).status == 0)
        }
    }
}
