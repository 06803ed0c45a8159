import Foundation
import NIOSSH
import StorefrontDomain

/// The keys in an OpenSSH `authorized_keys` file that get the server's configured API instead of the sandbox.
/// swift-nio-ssh speaks Ed25519 and ECDSA (nistp256/384/521); RSA and DSA lines are skipped with a note.
public struct AuthorizedKeys: Sendable {
    public static let acceptedTypes = "Ed25519 and ECDSA (nistp256, nistp384, nistp521)"
    static let supported: Set<String> = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]
    static let knownUnsupported: Set<String> = ["ssh-rsa", "ssh-dss", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"]

    public private(set) var keys: Set<NIOSSHPublicKey> = []
    /// Each listed key's comment (`alice@laptop`), which names the agent its purchases record; "" when the line has none.
    public private(set) var comments: [NIOSSHPublicKey: String] = [:]
    /// A comment is the operator's text: kept printable and short, since it is written on every purchase.
    static let maxCommentLength = 64
    /// One line per skipped entry, for the operator: which line and why.
    public private(set) var notes: [String] = []

    public init() {}

    public init(contents: String, source: String) {
        for (number, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let words = line.split(separator: " ").map(String.init)
            guard let typeIndex = words.firstIndex(where: { Self.supported.contains($0) || Self.knownUnsupported.contains($0) }),
                  typeIndex + 1 < words.count
            else {
                notes.append("\(source):\(number + 1): not an OpenSSH public key line; skipped.")
                continue
            }
            let type = words[typeIndex]
            guard Self.supported.contains(type) else {
                notes.append("\(source):\(number + 1): \(type) keys are not supported (the server speaks \(Self.acceptedTypes)); skipped.")
                continue
            }
            do {
                let key = try NIOSSHPublicKey(openSSHPublicKey: "\(type) \(words[typeIndex + 1])")
                keys.insert(key)
                let comment = Sanitizer.clean(words.dropFirst(typeIndex + 2).joined(separator: " "))
                comments[key] = String(comment.prefix(Self.maxCommentLength))
            } catch {
                notes.append("\(source):\(number + 1): the \(type) key does not decode; skipped.")
            }
        }
    }

    public static func load(path: String) throws -> AuthorizedKeys {
        do {
            return AuthorizedKeys(contents: try String(contentsOfFile: path, encoding: .utf8), source: path)
        } catch {
            throw HostKey.Failure(description: "Cannot read --authorized-keys \(path): \(error.localizedDescription).")
        }
    }

    public func lists(_ key: NIOSSHPublicKey) -> Bool {
        keys.contains(key)
    }

    /// The agent a listed key's purchases name: its comment and fingerprint, `alice@laptop (SHA256:…)`, or the
    /// fingerprint alone for a line without a comment.
    public func agent(for key: NIOSSHPublicKey) -> String {
        let fingerprint = KeyFingerprint.of(key)
        guard let comment = comments[key], !comment.isEmpty else { return fingerprint }
        return "\(comment) (\(fingerprint))"
    }
}
