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
}
