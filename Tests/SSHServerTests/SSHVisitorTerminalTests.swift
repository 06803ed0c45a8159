import Foundation
import StorefrontTestSupport
import Testing

/// What a visitor's own terminal is left with: a macOS locale name, a visitor who asks for ASCII, and a server
/// stopped under them.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct SSHVisitorTerminalTests {
    /// Issue 18, finding 2: a macOS terminal sends `LC_CTYPE=UTF-8`, which Linux does not know: the visitor got a
    /// garbled screen and a full-screen QR that did not scan.
    @Test func aMacVisitorsLocaleStillGetsUnicodeAndAQRThatScansAt80x24() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(extra: ["-o", "SetEnv=LC_CTYPE=UTF-8"]),
                                        width: 80, height: 24)
        let browser = try await terminal.waitForCatalog()
        #expect(browser.contains("·") && browser.contains("─"), "separators and borders: \(browser)")
        try await VisitorSteps.addTestGiftCard(terminal)
        try await VisitorSteps.review(terminal)
        try await terminal.press("Right")
        try await terminal.waitFor("Bitcoin")
        try await terminal.press("Enter")
        try await terminal.waitFor("Enter a refund address for bitcoin")
        try await terminal.keys("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        try await terminal.press("Enter")
        try await terminal.waitFor("paying with Bitcoin? y/n")
        try await terminal.keys("y")
        try await terminal.waitFor("Waiting for your payment")
        try await terminal.keys("Q")
        let qr = try await terminal.waitFor("Amount")
        let decoded = ZBar.decode(qr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(decoded?.hasPrefix("bitcoin:") == true, "the code scans: \(qr)")
        try await terminal.press("C-c")
    }

    /// Issue 18, finding 2: `--ascii` was refused over SSH ("not available over SSH").
    @Test func aVisitorMayAskForASCII() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments() + ["--", "--ascii"], width: 100, height: 30)
        let browser = try await terminal.waitForCatalog()
        #expect(browser.contains("SANDBOX"))
        #expect(browser.unicodeScalars.allSatisfy({ $0.isASCII }), "ASCII only: \(browser)")
        try await terminal.press("C-c")
    }

    /// Issue 18, finding 4: Ctrl-C or SIGTERM on `ssh serve` left every visitor in the alternate screen with the
    /// cursor hidden, the frozen storefront on it and no word of why.
    @Test(arguments: [SIGTERM, SIGINT])
    func stoppingTheServerGivesEveryVisitorTheirTerminalBackAndSaysWhy(_ signal: Int32) async throws {
        let harness = try await SSHServeHarness()
        let visitors = try (0..<2).map { _ in try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(), width: 100, height: 30) }
        for visitor in visitors { try await visitor.waitForCatalog() }

        kill(harness.server.pid, signal)
        for visitor in visitors {
            let screen = try await visitor.waitFor("storefront server was stopped")
            #expect(!screen.contains("SANDBOX"), "the storefront's screen is gone: \(screen)")
            let modes = try await visitor.tmux(["display-message", "-p", "-t", visitor.name, "#{alternate_on} #{cursor_flag}"])
            #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1", "out of the alternate screen, cursor shown")
        }
        let ended = await harness.server.finished(timeout: 120)
        #expect(ended.status == 0, "the server stops cleanly: \(harness.server.stderrSoFar)")
        #expect(harness.server.stderrSoFar.contains("stopping"), "and says so in its log")
    }
}
