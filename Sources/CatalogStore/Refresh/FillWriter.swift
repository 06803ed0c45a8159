import StorefrontDomain


/// Writes a first fill while it streams in: the first page at once, so browsing can start, then in batches of
/// `batchSize` products or every `interval`, whichever comes first. One transaction per page would cost the
/// full-text index five times as much work; under the real API's rate limits (a page a second or slower) every
/// page is still written as it comes. One batch is written while the next pages are read.
struct FillWriter {
    static let batchSize = 1_000
    static let interval: Duration = .milliseconds(500)

    let database: CatalogDatabase
    let reporter: ProgressReporter
    private var batch: [ProductRecordSet] = []
    /// Products browsable once the batch is written.
    private var available = 0
    private var lastWrite: ContinuousClock.Instant?
    private var writing: Task<Void, any Error>?

    init(database: CatalogDatabase, reporter: ProgressReporter) {
        self.database = database
        self.reporter = reporter
    }

    /// Takes a page's changes; writes the batch when it is due.
    mutating func add(_ changes: [ProductRecordSet], available: Int) async throws {
        batch += changes
        self.available = available
        let due = lastWrite.map { ContinuousClock.now - $0 >= Self.interval } ?? true
        if batch.count >= Self.batchSize || due { try await write() }
    }

    /// Writes what is held and waits until every write is done. Also called when a refresh fails, so what was
    /// read can be browsed; the writes run in tasks of their own, so a cancelled refresh still completes them.
    mutating func finish() async throws {
        try await write()
        try await writing?.value
        writing = nil
    }

    /// Starts writing the batch once the previous write is done.
    private mutating func write() async throws {
        try await writing?.value
        let sets = batch
        let available = self.available
        batch = []
        lastWrite = .now
        writing = Task { [database, reporter] in
            try await database.store(sets)
            reporter.update { $0.productsAvailable = max($0.productsAvailable, available) }
        }
    }
}
