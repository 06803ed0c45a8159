import Testing
@testable import SSHServer

@Suite struct ExecPolicyTests {
    @Test func wordsSplitLikeAShellWithoutExpandingAnything() throws {
        #expect(try ExecCommandLine.words("catalog list --search steam --json") == ["catalog", "list", "--search", "steam", "--json"])
        #expect(try ExecCommandLine.words(#"catalog list --search "cafe muller"  'a b' c\ d"#)
            == ["catalog", "list", "--search", "cafe muller", "a b", "c d"])
        #expect(try ExecCommandLine.words("qr '$(reboot)'") == ["qr", "$(reboot)"])
        #expect(try ExecCommandLine.words("qr ''") == ["qr", ""])
        #expect(try ExecCommandLine.words("   ") == [])
    }

    @Test func anUnclosedQuoteIsAnError() {
        #expect(throws: ExecCommandLine.SplitError.self) { try ExecCommandLine.words("catalog list --search 'steam") }
    }

    @Test func visitorsMayReadButNotBuy() {
        let policy = ExecPolicy()
        #expect(policy.decide(["catalog", "list", "--json"], listed: false) == .allowed(["catalog", "list", "--json"]))
        #expect(policy.decide(["ping"], listed: false) == .allowed(["ping"]))
        guard case .refused(let reason) = policy.decide(["buy", "steam-usa", "--value", "5"], listed: false) else {
            Issue.record("buy was allowed for an unlisted key")
            return
        }
        #expect(reason.contains("listed"))
        #expect(policy.decide(["buy", "steam-usa", "--value", "5"], listed: true) == .allowed(["buy", "steam-usa", "--value", "5"]))
    }

    @Test func nobodyChoosesTheServersAPIOrFilesOrStartsServers() {
        let policy = ExecPolicy()
        for words in [["catalog", "list", "--api-url", "http://elsewhere"], ["catalog", "list", "--data-dir=/etc"],
                      ["ping", "--log-file", "/tmp/x"], ["buy", "x", "--cart", "/etc/passwd"]] {
            guard case .refused = policy.decide(words, listed: true) else {
                Issue.record("\(words) was allowed")
                continue
            }
        }
        for command in ["sandbox", "ssh", "start"] {
            guard case .refused = policy.decide([command], listed: true) else {
                Issue.record("\(command) was allowed")
                continue
            }
        }
    }
}

@Suite struct VisitorDrawingOptionTests {
    /// Issue 18, finding 2: a visitor whose terminal cannot show UTF-8 was refused `--ascii`.
    @Test func aVisitorMayChooseHowTheirStorefrontDraws() {
        #expect(ExecPolicy().decide(["--ascii"], listed: false) == .allowed(["--ascii"]))
        #expect(ExecPolicy().decide(["--ascii", "--present"], listed: false) == .allowed(["--ascii", "--present"]))
        #expect(ExecPolicy().decide(["--ascii", "--data-dir", "/"], listed: false) != .allowed(["--ascii", "--data-dir", "/"]))
    }
}
