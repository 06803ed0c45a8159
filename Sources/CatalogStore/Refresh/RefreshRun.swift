import StorefrontDomain


/// A refresh running in the background: its progress as a stream (ending after `.finished` or `.failed`),
/// its result, and a way to stop it. Cancelling keeps the cache usable (see `CatalogRefresher`).
public final class RefreshRun: Sendable {
    /// Every change of progress; when the consumer falls behind, older snapshots are dropped, never the last.
    public let progress: AsyncStream<RefreshProgress>
    private let task: Task<RefreshSummary, any Error>

    init(refresher: CatalogRefresher) {
        let (stream, continuation) = AsyncStream.makeStream(of: RefreshProgress.self, bufferingPolicy: .bufferingNewest(64))
        progress = stream
        task = Task {
            defer { continuation.finish() }
            return try await refresher.refresh { continuation.yield($0) }
        }
    }

    public func result() async -> Result<RefreshSummary, RefreshError> {
        do {
            return .success(try await task.value)
        } catch let error as RefreshError {
            return .failure(error)
        } catch {
            return .failure(RefreshError(kind: .cancelled, message: "Catalog refresh cancelled."))
        }
    }

    public func cancel() {
        task.cancel()
    }
}
