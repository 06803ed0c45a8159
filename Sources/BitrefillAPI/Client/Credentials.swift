import Foundation
import StorefrontDomain

/// How the client authenticates. Its descriptions never contain the secret, so a credential that ends up in
/// a log line, an error or `dump()` leaks nothing.
public enum Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A personal API key: `Authorization: Bearer KEY`.
    case bearer(apiKey: String)
    /// A business or affiliate id and secret: `Authorization: Basic base64(ID:SECRET)`.
    case basic(id: String, secret: String)

    var authorizationHeader: String {
        switch self {
        case .bearer(let key):
            "Bearer \(key)"
        case .basic(let id, let secret):
            "Basic \(Data("\(id):\(secret)".utf8).base64EncodedString())"
        }
    }

    /// Every secret string, so that text shown to a person can be scrubbed of them.
    public var secrets: [String] {
        switch self {
        case .bearer(let key): [key, authorizationHeader]
        case .basic(let id, let secret): [secret, "\(id):\(secret)", authorizationHeader]
        }
    }

    /// A short, stable, non-reversible fingerprint of the account, to tell caches of two accounts apart.
    public var fingerprint: String {
        FNV1a.hex(authorizationHeader.utf8)
    }

    public var description: String {
        switch self {
        case .bearer: "API key (Bearer)"
        case .basic: "API id and secret (Basic)"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .enum) }

    /// Removes every secret from `text`, for anything a person or a log may see.
    public func redact(_ text: String) -> String {
        // Longest first, so that a whole header goes before the key inside it.
        secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
