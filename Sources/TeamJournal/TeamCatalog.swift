import CatalogStore
import Checkout
import Foundation
import Logging
import PostgresNIO
import StorefrontDomain

/// The desk's shared catalog: one host at a time walks the API (under the `catalog_lease` row) and stores the
/// result in the team database; every other host's `catalog refresh` copies it from there and sends no request.
public final class TeamCatalog: Sendable {
    /// What a refresh did.
    public enum Outcome: Sendable, Equatable {
        /// Copied from the team database: no API request. `holder` is refreshing it from the API right now (the copy
        /// was older than the freshness limit), or nil.
        case copied(products: Int, refreshingNow: String?)
        /// Walked the API under the lease, then stored for the others.
        case refreshed(RefreshSummary)
    }

    /// The latest complete catalog of a source in the team database.
    public struct Copy: Sendable {
        public var snapshot: Data
        public var completedAt: Date
        public var productCount: Int
    }

    let client: PostgresClient
    let place: String
    /// Who takes the lease: the agent's name and a per-process id, so two runs on one host are two holders.
    let holder: String
    let now: (@Sendable () -> Date)?
    let sleep: @Sendable (Duration) async throws -> Void
    private let running: Task<Void, Never>

    static let pageSize = 1 << 20
    static let leaseRenewal: Duration = .seconds(5)
    static let pollInterval: Duration = .seconds(2)

    /// `now` nil: the database's clock (`clock_timestamp()`); tests give their own time.
    public init(url: TeamDatabaseURL, agent: String, now: (@Sendable () -> Date)? = nil,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        var configuration = url.clientConfiguration
        configuration.options.maximumConnections = 2
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresJournal.logger)
        self.client = client
        place = url.place
        holder = "\(agent) #\(UUID().uuidString.prefix(8).lowercased())"
        self.now = now
        self.sleep = sleep
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// Brings `database` up to date for `source`: a copy younger than `maxAge` is copied; else this host walks the API
    /// (`walk`) if it gets the lease, and stores the result; else the older copy is copied while the holder refreshes,
    /// and with no copy at all this host waits for the holder's (or for its lease to lapse, then takes it).
    public func refresh(_ database: CatalogDatabase, source: CatalogSource, maxAge: TimeInterval,
                        walk: @Sendable () async throws -> RefreshSummary) async throws -> Outcome {
        while true {
            let copy = try await latestCopy(of: source)
            if let copy, try await clock().timeIntervalSince(copy.completedAt) <= maxAge {
                try await database.install(copy.snapshot)
                return .copied(products: copy.productCount, refreshingNow: nil)
            }
            if try await takeLease() {
                return .refreshed(try await walkHoldingTheLease(database, source: source, walk: walk))
            }
            if let copy {
                try await database.install(copy.snapshot)
                return .copied(products: copy.productCount, refreshingNow: try await leaseHolder())
            }
            try await sleep(Self.pollInterval)
        }
    }

    /// Walks with the lease renewed in the background, stores the catalog, and gives the lease up.
    private func walkHoldingTheLease(_ database: CatalogDatabase, source: CatalogSource,
                                     walk: @Sendable () async throws -> RefreshSummary) async throws -> RefreshSummary {
        let renewal = Task { [self] in
            while !Task.isCancelled {
                try? await sleep(Self.leaseRenewal)
                _ = try? await takeLease()
            }
        }
        defer { renewal.cancel() }
        do {
            let summary = try await walk()
            let completed = try database.metadata()?.lastCompleted ?? Date()
            try await store(try await database.snapshot(), of: source, completedAt: completed, productCount: summary.productsListed)
            try await releaseLease()
            return summary
        } catch {
            try? await releaseLease()
            throw error
        }
    }

    // MARK: The tables

    /// Replaces the source's copy in one transaction: readers see the old copy or the new one.
    public func store(_ snapshot: Data, of source: CatalogSource, completedAt: Date, productCount: Int) async throws(UserDatabaseError) {
        let key = Self.key(source)
        var pages: [Data] = []
        var start = snapshot.startIndex
        while start < snapshot.endIndex {
            let end = min(start + Self.pageSize, snapshot.endIndex)
            pages.append(snapshot[start..<end])
            start = end
        }
        let holder = holder
        try await run {
            try await client.withConnection { connection in
                try await connection.withTransaction(logger: PostgresJournal.logger) { connection in
                    try await connection.query("DELETE FROM catalog_copy WHERE source = \(key)", logger: PostgresJournal.logger)
                    try await connection.query("""
                        INSERT INTO catalog_copy (source, completed_at, product_count, page_count, made_by)
                        VALUES (\(key), \(completedAt.timeIntervalSince1970), \(productCount), \(pages.count), \(holder))
                        """, logger: PostgresJournal.logger)
                    for (number, page) in pages.enumerated() {
                        try await connection.query("INSERT INTO catalog_page (source, number, bytes) VALUES (\(key), \(number), \(page))",
                                                   logger: PostgresJournal.logger)
                    }
                }
            }
        }
    }

    /// The source's latest copy, or nil when no host has stored one.
    public func latestCopy(of source: CatalogSource) async throws(UserDatabaseError) -> Copy? {
        let key = Self.key(source)
        return try await run {
            let heads = try await client.query("SELECT completed_at, product_count, page_count FROM catalog_copy WHERE source = \(key)",
                                               logger: PostgresJournal.logger).collect()
            guard let head = heads.first else { return nil }
            let (completed, count, pageCount) = try head.decode((Double, Int, Int).self)
            var snapshot = Data()
            let pages = try await client.query("SELECT bytes FROM catalog_page WHERE source = \(key) ORDER BY number",
                                               logger: PostgresJournal.logger)
            var read = 0
            for try await page in pages.decode(Data.self) {
                snapshot.append(page)
                read += 1
            }
            guard read == pageCount else { return nil }
            return Copy(snapshot: snapshot, completedAt: Date(timeIntervalSince1970: completed), productCount: count)
        }
    }

    /// Takes or renews the lease; false while another host holds it.
    public func takeLease() async throws(UserDatabaseError) -> Bool {
        let holder = holder
        return try await run {
            let rows: PostgresRowSequence
            if let now {
                rows = try await client.query("SELECT coalesce(storefront_catalog_lease(\(holder), \(now().timeIntervalSince1970)), false)",
                                              logger: PostgresJournal.logger)
            } else {
                rows = try await client.query("""
                    SELECT coalesce(storefront_catalog_lease(\(holder), extract(epoch FROM clock_timestamp())::double precision), false)
                    """, logger: PostgresJournal.logger)
            }
            return try await rows.collect().first?.decode(Bool.self) ?? false
        }
    }

    public func releaseLease() async throws(UserDatabaseError) {
        let holder = holder
        try await run {
            try await client.query("DELETE FROM catalog_lease WHERE name = 'catalog' AND holder = \(holder)", logger: PostgresJournal.logger)
        }
    }

    /// Who holds the lease now (the agent part of the holder), if anyone.
    func leaseHolder() async throws(UserDatabaseError) -> String? {
        try await run {
            let rows = try await client.query("SELECT holder FROM catalog_lease WHERE name = 'catalog'", logger: PostgresJournal.logger).collect()
            return try rows.first?.decode(String.self).components(separatedBy: " #").first
        }
    }

    /// The time the freshness of a copy is judged at: the given clock, or the database's.
    private func clock() async throws(UserDatabaseError) -> Date {
        if let now { return now() }
        return try await run {
            let rows = try await client.query("SELECT extract(epoch FROM clock_timestamp())::double precision", logger: PostgresJournal.logger)
            return Date(timeIntervalSince1970: try await rows.collect().first?.decode(Double.self) ?? Date().timeIntervalSince1970)
        }
    }

    static func key(_ source: CatalogSource) -> String { "\(source.apiURL) \(source.account)" }

    private func run<T>(_ body: () async throws -> T) async throws(UserDatabaseError) -> T {
        do {
            return try await body()
        } catch {
            throw UserDatabaseError(path: "the team catalog at \(place)", detail: TeamSchema.describe(error))
        }
    }
}
