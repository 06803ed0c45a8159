import Foundation

extension TeamDatabaseURL {
    /// The URL written out the way `--database-url` reads it back, password included: for `team add-agent` to hand
    /// to the new agent, once. Never for a message or a log (`place` is for those).
    public var text: String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encoded(_ part: String) -> String { part.addingPercentEncoding(withAllowedCharacters: allowed) ?? part }
        let credentials = encoded(user) + (password.map { ":" + encoded($0) } ?? "")
        var parameters: [String] = []
        let authority: String
        switch endpoint {
        case .tcp(let host, let port):
            authority = (host.contains(":") ? "[\(host)]" : encoded(host)) + (port == 5432 ? "" : ":\(port)")
        case .socket(let directory, let port):
            authority = port == 5432 ? "" : ":\(port)"
            parameters.append("host=" + encoded(directory).replacingOccurrences(of: "%2F", with: "/"))
        }
        switch (endpoint, tls) {
        case (.socket, _), (.tcp, .require): break
        case (.tcp, .disable): parameters.append("sslmode=disable")
        case (.tcp, .verifyFull): parameters.append("sslmode=verify-full")
        }
        return "postgres://\(credentials)@\(authority)/\(encoded(database))" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }
}
