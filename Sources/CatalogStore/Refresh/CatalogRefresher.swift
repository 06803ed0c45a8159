import BitrefillAPI
import Foundation
import StorefrontDomain

/// Reads the whole catalog from the API into the cache: every page of `GET /products/esims`, then of
/// `GET /products`, reporting progress as it goes.
///
/// - Rate limits: the client waits out 429s itself (its events become a countdown); if it gives up, the
///   refresher waits until the reset and carries on from the same offset. When a response says the budget is
///   spent, the next page waits for the reset instead of provoking a 429. A refresh never fails on a 429.
/// - Writes: a cache holding a complete catalog of this source gets all changes in one transaction at the end,
///   so a failure or cancellation anywhere leaves it as it was. An empty cache (or an incomplete one, or one
///   from another source, which is dropped) is filled as the pages arrive (`FillWriter`) so browsing can start
///   at once; until the last page it is marked incomplete.
/// - Unchanged products (same content hash) are not written; products no longer listed are marked gone.
public struct CatalogRefresher: Sendable {
    public let database: CatalogDatabase
    public let client: BitrefillClient
    public let source: CatalogSource
    let events: ClientEventRelay?
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void

    /// `source` defaults to the client's URL and account; the embedded sandbox names itself instead, because its
    /// port changes at every start. `events` must be the relay the client was built with.
    public init(database: CatalogDatabase, client: BitrefillClient, source: CatalogSource? = nil,
                events: ClientEventRelay? = nil, now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.database = database
        self.client = client
        self.source = source ?? CatalogSource(baseURL: client.configuration.baseURL, credentials: client.configuration.credentials)
        self.events = events
        self.now = now
        self.sleep = sleep
    }

    /// Starts a refresh in a task of its own; its progress arrives on the run's stream.
    public func start() -> RefreshRun {
        RefreshRun(refresher: self)
    }

    /// Runs a refresh to its end. `onProgress` is called on every change, possibly from other threads.
    public func refresh(onProgress: @escaping @Sendable (RefreshProgress) -> Void = { _ in }) async throws(RefreshError) -> RefreshSummary {
        let started = now()
        let reporter = ProgressReporter(RefreshProgress(startedAt: started), listener: onProgress)
        let budget = RateBudget()
        events?.listen { [now] event in
            switch event {
            case .waitingForRateLimit(_, let until, _):
                budget.forget()
                reporter.update { $0.phase = .waitingForRateLimit(until: until) }
            case .retrying(_, _, let delay, let reason):
                reporter.update { $0.phase = .retrying(at: now().addingTimeInterval(delay.seconds), reason: reason) }
            case .rateLimit(let endpoint, let status) where endpoint.hasPrefix("GET /products"):
                budget.record(status)
            case .rateLimit:
                break
            }
        }
        defer { events?.stopListening() }

        var fills = false
        do {
            let baseline = try await database.refreshBaseline()
            let previous = baseline.metadata
            let sameSource = previous?.source == source
            fills = !(sameSource && previous?.isComplete == true)
            if sameSource, let count = previous?.productCount, count > 0 {
                reporter.update { $0.expectedProducts = count }
            }
            if fills {
                try await database.beginFill(of: source, at: started, droppingOtherSource: previous != nil && !sameSource)
            }
            let currency = await accountCurrency(fallback: sameSource ? previous?.accountCurrency : nil)
            let known = sameSource ? baseline.known : [:]
            let liveBefore = known.values.count { !$0.isGone }
            reporter.update { $0.productsAvailable = fills ? liveBefore : 0 }
            var walk = RefreshWalk(refresher: self, reporter: reporter, budget: budget, fills: fills, liveBefore: liveBefore,
                                   accumulator: RefreshAccumulator(baseline: known))
            try await walk.read(.esimPlans)
            try await walk.read(.products)
            try await walk.finishStoring()

            let accumulator = walk.accumulator
            if accumulator.seen.isEmpty, !fills, baseline.known.values.contains(where: { !$0.isGone }) {
                throw RefreshError(kind: .emptyListing,
                                   message: "The API at \(client.configuration.host) listed no products. Taken as a fault: the previous catalog is kept.")
            }
            reporter.update { $0.phase = .writing }
            let completed = now()
            let markedGone = try await database.applyRefresh(RefreshCompletion(
                source: source, changes: Array(walk.pending.values), vanished: accumulator.vanished, dialect: accumulator.dialect,
                accountCurrency: currency, started: started, completed: completed, productCount: accumulator.seen.count))
            let summary = accumulator.summary(pages: walk.pages, markedGone: markedGone,
                                              duration: completed.timeIntervalSince(started))
            reporter.update { $0.phase = .finished(summary) }
            return summary
        } catch {
            let failure = failure(error, fills: fills, progress: reporter.current)
            reporter.update { $0.phase = .failed(message: failure.message) }
            throw failure
        }
    }

    /// The account currency, which package prices are in. A refused balance call does not stop the refresh:
    /// prices are then shown without a currency (or with the one the previous refresh learnt).
    private func accountCurrency(fallback: String?) async -> String? {
        do {
            return try await client.send(Endpoints.balance()).amount.currency.code
        } catch {
            return fallback
        }
    }

    /// The error a refresh stops with, saying what the cache holds now.
    private func failure(_ error: any Error, fills: Bool, progress: RefreshProgress) -> RefreshError {
        if let error = error as? RefreshError { return error }
        let kept = fills
            ? "The \(progress.productsAvailable) products read so far can be browsed; the catalog stays marked incomplete until a refresh finishes."
            : "The previous catalog is kept unchanged."
        switch error {
        case is CancellationError:
            return RefreshError(kind: .cancelled, message: "Catalog refresh cancelled. \(kept)")
        case let error as APIError:
            return RefreshError(kind: .api(error.kind), message: "Catalog refresh stopped: \(error.message) \(kept)")
        default:
            let store = CatalogStoreError.from(error, path: database.path)
            return RefreshError(kind: .store(store.kind), message: "Catalog refresh stopped: \(store.message)")
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
