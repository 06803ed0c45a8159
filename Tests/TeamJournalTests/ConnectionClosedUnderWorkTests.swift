import Foundation
import Logging
import PostgresNIO
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// A command waiting on a connection the server has closed must not wait forever. The desk's soak caught a `buy`
/// idle for 12 minutes with no socket open after the database was stopped under it, and 18 of 376 `team status`
/// runs waited a full minute while the database's backends were being terminated (postgres-nio 1.33.2 left their
/// queries unanswered). Whatever waits on a connection of its own ends when that connection closes.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct ConnectionClosedUnderWorkTests {
    @Test func workOnAConnectionTheServerTerminatesEndsWithTheConnection() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        let connection = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(),
                                                              configuration: try url.connectionConfiguration(), id: 1,
                                                              logger: Logger(label: "test")).get()
        let backend = try await connection.query("SELECT pg_backend_pid()", logger: Logger(label: "test")).collect().first?.decode(Int32.self)
        let pid = try #require(backend)

        let never = AsyncStream<Void> { _ in }
        let waiting = Task {
            try await connection.failingOnClose { () async throws -> Void in
                // Work that never ends by itself, as a query left unanswered on a dead connection.
                for await _ in never {}
            }
        }
        _ = try server.psql(database, "SELECT pg_terminate_backend(\(pid))")
        await #expect(throws: ConnectionClosedUnderWork.self) { try await waiting.value }
        try? await connection.close()
    }
}
