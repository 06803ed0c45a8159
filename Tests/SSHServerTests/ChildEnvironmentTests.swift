import Testing
@testable import SSHServer

@Suite struct ChildEnvironmentTests {
    let server = ["STOREFRONT_BUYER_KEY": "SHA256:operator", "PATH": "/usr/bin:/bin", "HOME": "/home/op", "BITREFILL_API_KEY": "secret", "BITREFILL_API_URL": "http://api",
                  "SSH_AUTH_SOCK": "/tmp/agent", "LANG": "en_US.UTF-8"]

    @Test func aSandboxVisitorGetsNoneOfTheServersCredentials() {
        let environment = ChildEnvironment.build(term: "xterm-256color", clientVariables: [:], dataDirectory: "/tmp/visitor",
                                                 buyerKey: nil, serverEnvironment: server)
        #expect(environment["BITREFILL_API_KEY"] == nil)
        #expect(environment["BITREFILL_API_URL"] == nil)
        #expect(environment["SSH_AUTH_SOCK"] == nil)
        #expect(environment["STOREFRONT_BUYER_KEY"] == nil, "a sandbox visitor's purchases name no key, not even the server's")
        #expect(environment["STOREFRONT_DATA_DIR"] == "/tmp/visitor")
        #expect(environment["TERM"] == "xterm-256color")
    }

    @Test func aListedKeyGetsTheServersAPI() {
        let environment = ChildEnvironment.build(term: "xterm", clientVariables: [:], dataDirectory: "/srv/storefront",
                                                 buyerKey: "SHA256:abc", serverEnvironment: server)
        #expect(environment["BITREFILL_API_KEY"] == "secret")
        #expect(environment["BITREFILL_API_URL"] == "http://api")
        #expect(environment["STOREFRONT_BUYER_KEY"] == "SHA256:abc", "its purchases record the key")
        #expect(environment["SSH_AUTH_SOCK"] == nil)
    }

    @Test func theClientMaySetOnlyLanguageAndColourVariables() {
        let environment = ChildEnvironment.build(
            term: "xterm", clientVariables: ["LANG": "de_DE.UTF-8", "NO_COLOR": "1", "COLORTERM": "truecolor",
                                             "BITREFILL_API_KEY": "mine", "LD_PRELOAD": "/tmp/x.so", "TERM": "evil"],
            dataDirectory: "/tmp/v", buyerKey: nil, serverEnvironment: server)
        #expect(environment["LANG"] == "de_DE.UTF-8")
        #expect(environment["NO_COLOR"] == "1")
        #expect(environment["COLORTERM"] == "truecolor")
        #expect(environment["BITREFILL_API_KEY"] == nil)
        #expect(environment["LD_PRELOAD"] == nil)
        #expect(environment["TERM"] == "xterm")
        #expect(!ChildEnvironment.accepts(name: "LANG", value: "x\u{1B}]0;y"))
    }

    @Test func anUnknownOrStrangeTerminalFallsBackToXterm256() {
        #expect(ChildEnvironment.terminal("screen-256color", isKnown: { _ in true }) == "screen-256color")
        #expect(ChildEnvironment.terminal("xterm-kitty", isKnown: { _ in false }) == "xterm-256color")
        #expect(ChildEnvironment.terminal("../../etc/passwd", isKnown: { _ in true }) == "xterm-256color")
        #expect(ChildEnvironment.terminal(nil, isKnown: { _ in true }) == "xterm-256color")
    }
}
