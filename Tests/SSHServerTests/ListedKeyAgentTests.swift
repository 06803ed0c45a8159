import NIOSSH
import Testing
@testable import SSHServer

/// A listed key's purchases name their agent by the key's comment in `--authorized-keys` and its fingerprint, as
/// `ssh-keygen -lf` prints them, and the session's storefront is told so.
@Suite struct ListedKeyAgentTests {
    static let blob = "AAAAC3NzaC1lZDI1NTE5AAAAIJIa+6/si5795hTNOiD517UkGJpg05RFnj8h8SywDESm"
    /// `ssh-keygen -lf` of that key.
    static let fingerprint = "SHA256:qD2cjAaA6rXp2EvIyW5mh01dly5lY09cMqZrR/R8zY8"

    @Test func theAgentIsTheCommentAndTheFingerprint() throws {
        let keys = AuthorizedKeys(contents: "from=\"10.0.0.0/8\" ssh-ed25519 \(Self.blob) alice@laptop\n", source: "keys")
        let key = try NIOSSHPublicKey(openSSHPublicKey: "ssh-ed25519 \(Self.blob)")
        #expect(keys.lists(key))
        #expect(keys.agent(for: key) == "alice@laptop (\(Self.fingerprint))")
    }

    @Test func aKeyWithoutACommentIsNamedByItsFingerprintAndAHostileCommentIsCleaned() throws {
        let key = try NIOSSHPublicKey(openSSHPublicKey: "ssh-ed25519 \(Self.blob)")
        #expect(AuthorizedKeys(contents: "ssh-ed25519 \(Self.blob)\n", source: "keys").agent(for: key) == Self.fingerprint)
        let hostile = AuthorizedKeys(contents: "ssh-ed25519 \(Self.blob) bob\u{1B}]0;owned\u{07} desk\n", source: "keys").agent(for: key)
        #expect(!hostile.contains("\u{1B}") && hostile.hasPrefix("bob") && hostile.hasSuffix("(\(Self.fingerprint))"), "\(hostile)")
    }

    @Test func theSessionIsToldItsAgent() {
        let environment = ChildEnvironment.build(term: "xterm", clientVariables: ["STOREFRONT_SSH_AGENT": "mallory"], dataDirectory: "/srv",
                                                 buyerKey: Self.fingerprint, agent: "alice@laptop (\(Self.fingerprint))",
                                                 serverEnvironment: [:])
        #expect(environment["STOREFRONT_SSH_AGENT"] == "alice@laptop (\(Self.fingerprint))")
        let visitor = ChildEnvironment.build(term: "xterm", clientVariables: [:], dataDirectory: "/tmp/v", buyerKey: nil,
                                             serverEnvironment: ["STOREFRONT_SSH_AGENT": "server"])
        #expect(visitor["STOREFRONT_SSH_AGENT"] == nil, "a sandbox visitor buys as nobody's agent")
    }
}
