import Foundation
import StorefrontTestSupport
import Testing

/// `storefront ssh serve` driven by the real OpenSSH client, as a visitor would.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct SSHServeTests {
    @Test func execRunsTheSameCatalogCommandAndReturnsItsJSONAndStatus() async throws {
        let harness = try await SSHServeHarness()
        let result = try await harness.exec("catalog list --search steam --json")
        #expect(result.status == 0, "stderr: \(result.stderr)\nserver: \(harness.server.stderrSoFar)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        #expect(json is [Any] || json is [String: Any])
        #expect(result.stdout.lowercased().contains("steam"))

        let failing = try await harness.exec("catalog show no-such-product")
        #expect(failing.status != 0)
    }

    @Test func anUnlistedKeyCannotBuyOverExec() async throws {
        let harness = try await SSHServeHarness()
        let result = try await harness.exec("buy steam-usa --value 5")
        #expect(result.status == 77)
        #expect(result.stderr.contains("needs a key listed"))
        try await harness.waitForLog("refused exec `buy`")
    }

    @Test func portForwardingIsRefusedAndLogged() async throws {
        let harness = try await SSHServeHarness(arguments: [])
        let remote = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh"),
                                                harness.sshArguments(extra: ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"]),
                                                timeout: 120)
        #expect(remote.status != 0)
        try await harness.waitForLog("refused remote port forwarding")

        let local = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh"),
                                               harness.sshArguments(extra: ["-N", "-L", "\(Int.random(in: 40_000...60_000)):127.0.0.1:9"]), timeout: 120)
        #expect(local.status != 0)
        #expect(!local.timedOut)
        try await harness.waitForLog("port forwarding alone is refused")
    }

    @Test func subsystemsAreRefused() async throws {
        let harness = try await SSHServeHarness()
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh"), harness.sshArguments(extra: ["-s"]) + ["sftp"],
                                                timeout: 120)
        #expect(result.status != 0)
        try await harness.waitForLog("refused subsystem sftp")
    }

    @Test func theSessionBeyondTheLimitIsToldToComeBack() async throws {
        let harness = try await SSHServeHarness(arguments: ["--max-sessions", "1"])
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments())
        try await terminal.waitFor("SANDBOX")
        let second = try await harness.exec("ping")
        #expect(second.status == 75)
        #expect(second.stderr.contains("full"))
    }

    @Test(.disabled("fails: after tmux resize-window the session's storefront still draws at the first size; under investigation"))
    func aVisitorGetsTheSandboxStorefrontThatFollowsResizesAndLeavesNothingRunning() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(), width: 90, height: 28)
        try await terminal.waitFor("SANDBOX")
        try await harness.waitForLog("on a 90x")
        let pid = try #require(harness.sessionPIDs.first)

        let before = try await terminal.screen()
        #expect(before.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 90 })
        try await terminal.tmux(["resize-window", "-t", terminal.name, "-x", "130", "-y", "40"])
        let wide = try await terminal.waitUntil("a line wider than 90 columns") { screen in
            screen.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).count > 0 && $0.count > 95 }
        }
        #expect(wide.contains("SANDBOX"))

        try await terminal.keys("q")
        #expect(try await SSHServeHarness.waitUntilGone(pid), "the session's storefront was still running after q")
    }

    @Test(.disabled("fails: the session's process outlived its killed ssh client within 120 s; under investigation"))
    func closingTheConnectionEndsTheSessionsProcess() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments())
        try await terminal.waitFor("SANDBOX")
        let pid = try #require(harness.sessionPIDs.first)
        try await terminal.tmux(["kill-session", "-t", terminal.name])
        #expect(try await SSHServeHarness.waitUntilGone(pid), "the session's storefront outlived its connection")
    }
}
