/// Which `storefront` commands a visitor may run over `ssh host COMMAND`.
///
/// Everyone may read (catalog, qr, ping, status); only a key listed in `--authorized-keys` may buy or read
/// history. Nobody may choose where the server connects, what it reads or writes, or start servers: the
/// server decides the API, the credentials and the data directory.
public struct ExecPolicy: Sendable {
    public enum Decision: Equatable, Sendable {
        case allowed([String])
        case refused(String)
    }

    static let readOnly: Set<String> = ["catalog", "qr", "ping", "status", "help"]
    /// How a visitor's own storefront draws (`ssh -t HOST --ascii`): their terminal, their choice.
    static let drawingOptions: Set<String> = ["--ascii", "--present"]
    static let listedOnly: Set<String> = ["balance", "buy", "invoice", "order", "history", "esim", "phone"]
    /// Options that name an address, a credential or a file on the server.
    static let serverOwnedOptions: [String] = ["--api-url", "--api-key", "--api-id", "--api-secret", "--data-dir",
                                               "--log-file", "--theme", "--webhook-listen", "--webhook-url", "--cart"]

    public init() {}

    public func decide(_ words: [String], listed: Bool) -> Decision {
        guard let command = words.first else {
            return .allowed([])
        }
        if command == "--help" || command == "-h" || command == "--version" || words.allSatisfy(Self.drawingOptions.contains) {
            return .allowed(words)
        }
        for word in words.dropFirst() {
            if let option = Self.serverOwnedOptions.first(where: { word == $0 || word.hasPrefix($0 + "=") }) {
                return .refused("\(option) is set by the server, not over SSH.")
            }
        }
        if Self.readOnly.contains(command) {
            return .allowed(words)
        }
        if Self.listedOnly.contains(command) {
            return listed
                ? .allowed(words)
                : .refused("`\(command)` needs a key listed by the server's operator; visitors may run catalog, qr, ping and status. Connect without a command for the sandbox storefront.")
        }
        return .refused("`\(command)` is not available over SSH; visitors may run catalog, qr, ping and status.")
    }
}
