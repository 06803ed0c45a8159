import NIOCore
import PostgresNIO

/// Work on a connection that ended under it: the server terminated it, or the database stopped.
struct ConnectionClosedUnderWork: Error, CustomStringConvertible {
    var description: String { "the connection was closed before the database answered" }
}

extension PostgresConnection {
    /// `work`'s answer, or `ConnectionClosedUnderWork` as soon as this connection closes under it. A query on a
    /// connection the server terminated can be left unanswered (postgres-nio 1.33.2): the desk's soak caught a `buy`
    /// waiting 12 minutes on one, no socket left open. Use it on a connection of its own that is closed after the
    /// work: until then, the wait on its closing lives on.
    func failingOnClose<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = FirstAnswer<Result<T, any Error>>()
        let closed = closeFuture
        return try await race.wait {
            [Task {
                do {
                    race.answer(.success(try await work()))
                } catch {
                    race.answer(.failure(error))
                }
            }, Task {
                _ = try? await closed.get()
                race.answer(.failure(ConnectionClosedUnderWork()))
            }]
        }.get()
    }
}
