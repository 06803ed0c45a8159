import PostgresNIO

extension TeamDatabaseURL {
    /// postgres-nio's configuration for this URL. Its `.prefer` is never used: `require` and `verify-full` are
    /// `.require`, which fails rather than fall back to plaintext.
    public var clientConfiguration: PostgresClient.Configuration {
        switch endpoint {
        case .socket:
            return PostgresClient.Configuration(unixSocketPath: socketPath!, username: user, password: password, database: database)
        case .tcp(let host, let port):
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            let mode: PostgresClient.Configuration.TLS
            switch tls {
            case .disable:
                mode = .disable
            case .require:
                tlsConfiguration.certificateVerification = .none
                mode = .require(tlsConfiguration)
            case .verifyFull:
                mode = .require(tlsConfiguration)
            }
            return PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
        }
    }
}
