import Foundation

/// Where the team database is, as `--database-url` or `STOREFRONT_DATABASE_URL` spell it: libpq's URL form,
/// `postgres://user:password@host:port/db` (or `postgresql://`), with `?sslmode=disable|require|verify-full` and
/// `?host=/run/postgresql` (or a percent-encoded path as the host) for a unix socket.
///
/// Between machines TLS is required unless `sslmode=disable` says otherwise, and `require` means TLS or nothing:
/// libpq's `prefer` and `allow`, which fall back to plaintext, are refused. Over a unix socket there is no TLS.
public struct TeamDatabaseURL: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket `directory/.s.PGSQL.port`, as libpq names it.
        case socket(directory: String, port: Int)
    }

    public enum TLS: Sendable, Equatable {
        case disable
        /// Encrypted, the server's certificate not checked (libpq's `require`).
        case require
        /// Encrypted, the certificate checked against the system's roots and the host name.
        case verifyFull
    }

    public var user: String
    public var password: String?
    public var endpoint: Endpoint
    public var database: String
    public var tls: TLS

    /// Where it is, for messages: host and database, never the password.
    public var place: String {
        switch endpoint {
        case .tcp(let host, let port): "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        case .socket(let directory, _): "\(directory)/\(database)"
        }
    }

    public var socketPath: String? {
        guard case .socket(let directory, let port) = endpoint else { return nil }
        return directory + "/.s.PGSQL.\(port)"
    }

    /// Parses `text`; `defaultUser` is the user when the URL names none (the OS user, as libpq has it).
    public init(parsing text: String, defaultUser: String) throws(TeamDatabaseURLError) {
        let example = "postgres://USER:PASSWORD@HOST:5432/DATABASE"
        let parts = text.components(separatedBy: "://")
        guard parts.count >= 2, ["postgres", "postgresql"].contains(parts[0].lowercased()) else {
            throw TeamDatabaseURLError("the database URL must start with postgres:// or postgresql://, as in \(example)")
        }
        guard !text.contains(where: \.isWhitespace) else {
            throw TeamDatabaseURLError("the database URL has a space in it: percent-encode spaces and @ : / ? in the user or password (%20, %40, %3A, %2F, %3F)")
        }
        var rest = Substring(parts.dropFirst().joined(separator: "://"))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count).dropFirst()

        var userInfo: Substring = ""
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }
        let userPart = userInfo.prefix { $0 != ":" }
        let passwordPart = userInfo.count > userPart.count ? userInfo.dropFirst(userPart.count + 1) : nil
        let user = try Self.decode(userPart, "the user name")
        if let passwordPart {
            password = try Self.decode(passwordPart, "the password")
        } else {
            password = nil
        }
        self.user = user.isEmpty ? defaultUser : user

        let (hostText, portText) = try Self.split(hostPort)
        var port = 5432
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw TeamDatabaseURLError("the port \"\(portText.prefix(12))\" is not a number from 1 to 65535: write HOST:5432")
            }
            port = number
        }
        var host = try Self.decode(hostText, "the host")

        var sslmode: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let name = String(pair.prefix { $0 != "=" })
            let value = try Self.decode(pair.dropFirst(name.count + 1), "the value of \(name)")
            switch name {
            case "sslmode": sslmode = value
            case "host":
                guard value.hasPrefix("/") else {
                    throw TeamDatabaseURLError("?host= takes the absolute path of a unix socket's directory, as in ?host=/run/postgresql")
                }
                host = value
            default:
                throw TeamDatabaseURLError("the database URL's parameter \"\(name.prefix(40))\" is not one storefront uses: only sslmode and host are")
            }
        }
        guard !host.isEmpty else {
            throw TeamDatabaseURLError("the database URL names no host: write \(example), or ?host=/run/postgresql for a unix socket")
        }
        endpoint = host.hasPrefix("/") ? .socket(directory: host, port: port) : .tcp(host: host, port: port)
        let database = try Self.decode(path, "the database name")
        self.database = database.isEmpty ? self.user : database
        tls = try Self.tls(sslmode, overSocket: host.hasPrefix("/"))
    }

    private static func tls(_ sslmode: String?, overSocket: Bool) throws(TeamDatabaseURLError) -> TLS {
        switch sslmode {
        case nil: return overSocket ? .disable : .require
        case "disable": return .disable
        case "require", "verify-full":
            guard !overSocket else {
                throw TeamDatabaseURLError("sslmode=\(sslmode!) does not apply over a unix socket, which has no TLS: leave sslmode out")
            }
            return sslmode == "require" ? .require : .verifyFull
        case "prefer", "allow":
            throw TeamDatabaseURLError("sslmode=\(sslmode!) falls back to an unencrypted connection, which storefront never does: write sslmode=require (or verify-full, or disable on a trusted network)")
        default:
            throw TeamDatabaseURLError("sslmode must be disable, require or verify-full, not \"\(sslmode!.prefix(20))\"")
        }
    }

    /// `host:port`, `[v6]:port`, `host`: the port as written, if any.
    private static func split(_ hostPort: Substring) throws(TeamDatabaseURLError) -> (Substring, Substring?) {
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw TeamDatabaseURLError("an IPv6 address needs its closing bracket, as in postgres://USER@[::1]:5432/DATABASE")
            }
            let host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            return (host, after.hasPrefix(":") ? after.dropFirst() : nil)
        }
        guard let colon = hostPort.lastIndex(of: ":") else { return (hostPort, nil) }
        return (hostPort[..<colon], hostPort[hostPort.index(after: colon)...])
    }

    private static func decode(_ text: Substring, _ what: String) throws(TeamDatabaseURLError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw TeamDatabaseURLError("\(what) in the database URL has a stray %: write %25 for a literal %")
        }
        return decoded
    }
}

/// A database URL that cannot be used: what is wrong and what to type, never the password.
public struct TeamDatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
