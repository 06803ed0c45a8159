import Logging
import PostgresNIO

extension TeamDatabaseURL {
    /// Whether the database answers now, asked over a connection of its own: the pool would queue a query for up to a
    /// minute while it cannot connect, and an outage must be noticed at once. A host that does not answer at all is
    /// given `patience` to connect.
    public func answers(patience: TimeAmount = .seconds(3)) async -> Bool {
        guard var configuration = try? connectionConfiguration() else { return false }
        configuration.options.connectTimeout = patience
        guard let connection = try? await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: configuration,
                                                                     id: 0, logger: PostgresJournal.logger).get() else { return false }
        let answered = (try? await connection.failingOnClose { try await connection.query("SELECT 1", logger: PostgresJournal.logger).collect() }) != nil
        try? await connection.close()
        return answered
    }
}
