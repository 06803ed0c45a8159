import Foundation
import StorefrontTestSupport
import Testing

/// A command line too long to parse cheaply is refused over exec before anything runs.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct ExecLimitTests {
    @Test func aThousandRepeatedFlagsAreRefusedOverExecWithTheLimit() async throws {
        let harness = try await SSHServeHarness()
        let result = try await harness.exec("catalog list" + String(repeating: " --in-stock", count: 1_000))
        #expect(result.status == 64, "stdout: \(result.stdout.prefix(200))\nstderr: \(result.stderr)")
        #expect(result.stderr.contains("The command has 1002 arguments; Storefront takes at most 256."))
        #expect(result.stdout.isEmpty)
        try await harness.waitForLog("refused exec `catalog`")
    }
}
