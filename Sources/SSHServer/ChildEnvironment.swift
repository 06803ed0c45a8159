/// The environment a session's `storefront` child runs with: built from nothing, so no variable of the
/// server's reaches a visitor unless named here.
public struct ChildEnvironment: Sendable {
    /// Variables a client may send (`SendEnv`); anything else is refused and logged.
    public static let acceptedFromClient: Set<String> = ["LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR", "COLORTERM"]
    /// The server's variables a listed key's session inherits: its API and credentials.
    static let serverConnection: [String] = ["BITREFILL_API_URL", "BITREFILL_API_KEY", "BITREFILL_API_ID", "BITREFILL_API_SECRET",
                                             "STOREFRONT_THEME", "ESCDELAY"]

    /// Whether the client's `env` request may set `name` to `value`: a short printable value only.
    public static func accepts(name: String, value: String) -> Bool {
        acceptedFromClient.contains(name) && value.utf8.count <= 64
            && value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// A `TERM` this machine has a terminfo entry for: the client's when known, else `xterm-256color`
    /// (an unknown name would stop ncurses before the first frame).
    public static func terminal(_ requested: String?, isKnown: (String) -> Bool) -> String {
        guard let requested, !requested.isEmpty, requested.utf8.count <= 64,
              requested.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.+".contains($0)) }),
              isKnown(requested)
        else { return "xterm-256color" }
        return requested
    }

    /// Names the listed key a session buys for; its purchases record it (`STOREFRONT_BUYER_KEY` in StorefrontApp).
    static let buyerKeyVariable = "STOREFRONT_BUYER_KEY"
    /// Names the agent a session buys as: the listed key's comment and fingerprint (`STOREFRONT_SSH_AGENT`, which the
    /// session's storefront puts before `--agent` and `STOREFRONT_AGENT`; `AgentName` in StorefrontApp).
    static let agentVariable = "STOREFRONT_SSH_AGENT"

    /// `buyerKey`: the listed key's fingerprint, nil for a sandbox visitor; `agent`: its comment and fingerprint.
    public static func build(term: String, clientVariables: [String: String], dataDirectory: String,
                             buyerKey: String?, agent: String? = nil, serverEnvironment: [String: String]) -> [String: String] {
        let listed = buyerKey != nil
        var environment = ["TERM": term, "STOREFRONT_DATA_DIR": dataDirectory,
                           "HOME": listed ? serverEnvironment["HOME"] ?? dataDirectory : dataDirectory,
                           "PATH": serverEnvironment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        environment["LANG"] = serverEnvironment["LANG"] ?? "C.UTF-8"
        if let buyerKey {
            for name in serverConnection {
                if let value = serverEnvironment[name] { environment[name] = value }
            }
            environment[buyerKeyVariable] = buyerKey
            environment[agentVariable] = agent ?? buyerKey
        }
        for (name, value) in clientVariables where accepts(name: name, value: value) {
            environment[name] = value
        }
        return environment
    }
}
