import Foundation
import StorefrontTestSupport
import Testing

/// The presenter (a listed key) gets in when the audience has filled the server, through the real OpenSSH client.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct ListedKeySlotTests {
    @Test func visitorsFillingTheServerDoNotLockOutAListedKey() async throws {
        let harness = try await SSHServeHarness(arguments: ["--max-sessions", "2"], listingTheClientKey: true)
        let first = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments())
        try await first.waitFor("SANDBOX")
        let second = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(key: try await harness.makeKey(named: "second")))
        let secondScreen = try await second.waitUntil("the second visitor's storefront or refusal") {
            $0.contains("SANDBOX") || $0.contains("full")
        }
        #expect(secondScreen.contains("The storefront is full"), "the last slot is the presenter's:\n\(secondScreen)")

        let presenter = try await harness.exec("history --json", user: "live")
        #expect(presenter.status == 0, "stderr: \(presenter.stderr)\nserver: \(harness.server.stderrSoFar)")
    }

    @Test func aListedKeyIsNotSlowedByTheAudiencesConnectionRate() async throws {
        let harness = try await SSHServeHarness(arguments: ["--connections-per-minute", "1"], listingTheClientKey: true)
        let visitor = try await harness.exec("qr rate")
        #expect(visitor.status == 0, "the first connection of the minute: \(visitor.stderr)")
        let refusedVisitor = try await harness.exec("qr rate")
        #expect(refusedVisitor.status == 75)
        #expect(refusedVisitor.stderr.contains("Too many connections"))

        let presenter = try await harness.exec("history --json", user: "live")
        #expect(presenter.status == 0, "stderr: \(presenter.stderr)")
    }
}
