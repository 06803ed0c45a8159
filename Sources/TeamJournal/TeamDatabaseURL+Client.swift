import PostgresNIO

extension TeamDatabaseURL {
    /// postgres-nio's configuration for this URL. Its `.prefer` is never used: `require` and `verify-full` are
    /// `.require`, which fails rather than fall back to plaintext.
    var clientConfiguration: PostgresClient.Configuration {
        switch endpoint {
        case .socket:
            return PostgresClient.Configuration(unixSocketPath: socketPath!, username: user, password: password, database: database)
        case .tcp(let host, let port):
            return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database,
                                                tls: tlsConfiguration.map { .require($0) } ?? .disable)
        }
    }

    /// The same for one connection of its own (the first, which migrates: it fails at once where the pool would retry).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        switch endpoint {
        case .socket:
            return PostgresConnection.Configuration(unixSocketPath: socketPath!, username: user, password: password, database: database)
        case .tcp(let host, let port):
            return PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database,
                                                    tls: try tlsConfiguration.map { .require(try NIOSSLContext(configuration: $0)) } ?? .disable)
        }
    }

    /// nil: no TLS (`sslmode=disable`).
    private var tlsConfiguration: TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable: return nil
        case .require: configuration.certificateVerification = .none
        case .verifyFull: break
        }
        return configuration
    }
}
