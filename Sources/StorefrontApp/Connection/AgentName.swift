import Foundation

/// Who is buying, as every purchase records it. A desk sharing one journal tells its agents apart by this name.
public enum AgentName {
    public static let variable = "STOREFRONT_AGENT"
    /// Set by `storefront ssh serve` for a listed key's session: the key's comment and fingerprint. It wins over
    /// `--agent` and `STOREFRONT_AGENT`, so a visitor cannot buy under another agent's name.
    public static let sshVariable = "STOREFRONT_SSH_AGENT"

    /// The SSH session's key, else `--agent`, else `STOREFRONT_AGENT`, else `$USER@hostname`.
    public static func resolve(option: String?, environment: [String: String]) -> String {
        func given(_ text: String?) -> String? {
            text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        if let ssh = given(environment[sshVariable]) { return ssh }
        if let named = given(option) ?? given(environment[variable]) { return named }
        return "\(given(environment["USER"]) ?? "storefront")@\(ProcessInfo.processInfo.hostName)"
    }
}
