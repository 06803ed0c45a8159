/// Who a connection is, as authentication decided.
public enum Visitor: Sendable, Equatable {
    /// Anyone: no key, or a key not in `--authorized-keys`. Gets a fresh sandbox per session.
    case sandbox(keyFingerprint: String?)
    /// A key in `--authorized-keys`: the server's configured API and data directory.
    /// `agent`: the key's comment and fingerprint, which its purchases record as who bought.
    case listed(keyFingerprint: String, agent: String)

    /// The user name that asks for key authentication instead of `none`: OpenSSH offers `none` first, so a
    /// server that accepts it for everyone never sees a key. `ssh -p 2222 live@host` offers the key.
    public static let keyUser = "live"

    public var isListed: Bool {
        if case .listed = self { return true }
        return false
    }

    /// The fingerprint a listed key's purchases are recorded with; nil for a sandbox visitor.
    public var buyerKey: String? {
        if case .listed(let fingerprint, _) = self { return fingerprint }
        return nil
    }

    /// Who a listed key's purchases name; nil for a sandbox visitor.
    public var agent: String? {
        if case .listed(_, let agent) = self { return agent }
        return nil
    }

    public var description: String {
        switch self {
        case .sandbox(nil): "sandbox visitor (no key)"
        case .sandbox(let fingerprint?): "sandbox visitor (key \(fingerprint))"
        case .listed(let fingerprint, _): "listed key \(fingerprint)"
        }
    }
}
