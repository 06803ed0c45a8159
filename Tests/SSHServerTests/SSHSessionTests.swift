import Foundation
import StorefrontTestSupport
import Testing

/// Full-screen sessions over the real OpenSSH client in tmux: what a visitor sees and does, and what is left
/// on the server once they leave.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct SSHSessionTests {
    static let ssh = URL(fileURLWithPath: "/usr/bin/ssh")

    /// The purchases `history --json` lists, run over SSH by a listed key (the server's journal).
    static func journal(_ harness: SSHServeHarness) async throws -> [[String: Any]] {
        let history = try await harness.exec("history --json", user: "live")
        #expect(history.status == 0, "\(history.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]], "\(history.stdout)")
    }

    @Test func aVisitorBuysATestCardRevealsTheCodeFollowsAResizeAndQuitsLeavingNothingRunning() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(), width: 120, height: 40)
        let first = try await terminal.waitFor("SANDBOX")
        #expect(first.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 120 })

        // accept-new wrote the key the server printed, as `ssh-keygen -lf` shows it.
        let known = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-lf", harness.knownHosts])
        let printed = try #require(harness.server.stdoutSoFar.split(separator: "\n").first { $0.hasPrefix("Host key fingerprint: ") })
        let fingerprint = try #require(printed.split(separator: " ").dropFirst(4).first.map(String.init))
        #expect(known.stdout.contains(fingerprint), "known_hosts: \(known.stdout) server: \(printed)")

        try await VisitorSteps.addTestGiftCard(terminal)
        let delivered = try await VisitorSteps.buyFromTheBalance(terminal)
        #expect(delivered.contains("Cart 0/20"))
        let masked = try #require(VisitorSteps.value("Code", in: delivered))
        #expect(masked.hasPrefix("••••"))
        try await terminal.keys("r")
        let revealed = try await terminal.waitFor("Revealed for 30 s")
        let code = try #require(VisitorSteps.value("Code", in: revealed))
        #expect(!code.contains("•") && code.count >= 8)
        #expect(code.hasSuffix(String(masked.suffix(4))))

        try await terminal.tmux(["resize-window", "-t", terminal.name, "-x", "160", "-y", "48"])
        let wide = try await terminal.waitUntil("the storefront redrawn wider than 120 columns") { screen in
            screen.split(separator: "\n").contains { $0.count > 125 } && screen.contains("SANDBOX")
        }
        #expect(wide.split(separator: "\n").count > 40, "and taller: \(wide)")

        try await terminal.keys("q")
        let left = try await harness.waitUntilNoSessionProcess()
        #expect(left.gone, "still running after q: \(left.left)")
    }

    @Test func closingTheWindowHangsUpTheSessionAndLeavesNothingRunning() async throws {
        let harness = try await SSHServeHarness()
        let terminal = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments())
        try await terminal.waitFor("SANDBOX")
        #expect(!ProcessTable.children(of: harness.server.pid).isEmpty)
        try await terminal.close()
        let left = try await harness.waitUntilNoSessionProcess()
        #expect(left.gone, "the session outlived its connection: \(left.left)")
    }

    @Test func twoVisitorsAtOnceHaveTheirOwnCartsAndPurchases() async throws {
        let harness = try await SSHServeHarness()
        let alice = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments())
        let bob = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(key: try await harness.makeKey(named: "bob")))
        try await alice.waitFor("SANDBOX")
        let bobsStart = try await bob.waitForCatalog()
        let balance = try #require(bobsStart.split(separator: "\n").first { $0.contains("Balance ") })

        try await VisitorSteps.addTestGiftCard(alice)
        #expect(try await bob.screen().contains("Cart 0/20"), "Alice's cart is not Bob's")
        _ = try await VisitorSteps.buyFromTheBalance(alice)

        try await bob.keys("h")
        let history = try await bob.waitFor("Purchase history")
        #expect(!history.contains("Test Gift Card Code"), "Bob sees none of Alice's purchases:\n\(history)")
        try await bob.press("Escape")
        let bobsNow = try await bob.waitFor("Balance ")
        #expect(bobsNow.contains(balance.trimmingCharacters(in: .whitespaces).prefix(30)), "Bob's play balance is untouched")
        #expect(harness.sessionPIDs.count == 2 && Set(harness.sessionPIDs).count == 2, "one process each")
    }

    @Test func aListedKeyBuysOnTheServersAPIRecordedWithItsFingerprintAndAnUnlistedKeyGetsTheSandbox() async throws {
        let api = try await SandboxStandIn()
        let harness = try await SSHServeHarness(environment: api.environment, listingTheClientKey: true)
        let fingerprint = try await SSHServeHarness.fingerprint(ofKey: harness.clientKey)

        let live = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(user: "live"))
        let screen = try await live.waitFor("LIVE")
        #expect(!screen.contains("SANDBOX"))
        try await VisitorSteps.addTestGiftCard(live)
        _ = try await VisitorSteps.buyFromTheBalance(live)

        let purchases = try await Self.journal(harness)
        #expect(purchases.count == 1)
        #expect(purchases.first?["buyer_key"] as? String == fingerprint)
        #expect(purchases.first?["outcome"] as? String == "delivered")
        let text = try await harness.exec("history", user: "live")
        #expect(text.stdout.contains("bought by key \(fingerprint)"))

        let strangerKey = try await harness.makeKey(named: "stranger")
        let stranger = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(user: "live", key: strangerKey))
        let strangers = try await stranger.waitFor("SANDBOX")
        #expect(!strangers.contains("LIVE"))
        let refused = try await ChildProcess.run(Self.ssh, harness.sshArguments(user: "live", key: strangerKey) + ["history", "--json"],
                                                 timeout: 120)
        #expect(refused.status == 77, "an unlisted key reads no journal: \(refused.stderr)")
    }

    @Test func aConnectionDroppedMidPurchaseLeavesNoProcessAndTheListedKeysNextSessionFinishesIt() async throws {
        // Crypto invoices wait for a simulated payment: the purchase is mid-way for as long as the test needs.
        let api = try await SandboxStandIn(arguments: ["--payment-delay", "86400", "--delivery-delay", "0"])
        let harness = try await SSHServeHarness(environment: api.environment, listingTheClientKey: true)
        let fingerprint = try await SSHServeHarness.fingerprint(ofKey: harness.clientKey)

        let first = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(user: "live"))
        try await first.waitFor("LIVE")
        try await VisitorSteps.addTestGiftCard(first)
        try await VisitorSteps.buyWithBitcoin(first)
        try await first.close()
        let left = try await harness.waitUntilNoSessionProcess()
        #expect(left.gone, "the dropped session left: \(left.left)")

        let waiting = try await Self.journal(harness)
        #expect(waiting.count == 1)
        let invoice = try #require(waiting.first?["invoice"] as? String, "the invoice id was written before the drop")
        #expect(waiting.first?["stage"] as? String == "created")
        #expect(waiting.first?["buyer_key"] as? String == fingerprint)

        try await api.simulatePayment(invoiceId: invoice)
        let second = try TmuxTerminal(command: ["/usr/bin/ssh", "-tt"] + harness.sshArguments(user: "live"))
        try await second.waitFor("LIVE")
        let deadline = Date().addingTimeInterval(120)
        var purchases = waiting
        while Date() < deadline, purchases.first?["outcome"] as? String != "delivered" {
            try await Task.sleep(for: .milliseconds(250))
            purchases = try await Self.journal(harness)
        }
        #expect(purchases.count == 1, "resumed, not bought again")
        #expect(purchases.first?["invoice"] as? String == invoice)
        #expect(purchases.first?["outcome"] as? String == "delivered", "\(purchases)")
        let orders = purchases.first?["orders"] as? [[String: Any]]
        #expect((orders?.first?["code"] as? String)?.isEmpty == false, "the code is in the journal")
        try await second.keys("q")
        #expect(try await harness.waitUntilNoSessionProcess().gone)
    }
}
