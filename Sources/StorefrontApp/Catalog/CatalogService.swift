import BitrefillAPI
import CatalogStore
import Foundation
import StorefrontDomain

/// The catalog as the UI and the CLI use it: the cache of one data directory, answering only for the source
/// it was opened for, with the start-up freshness rule and user-input checks in front of the queries.
public final class CatalogService: Sendable {
    public let database: CatalogDatabase
    public let source: CatalogSource
    public let policy: CatalogFreshnessPolicy

    public init(database: CatalogDatabase, source: CatalogSource, policy: CatalogFreshnessPolicy = CatalogFreshnessPolicy()) {
        self.database = database
        self.source = source
        self.policy = policy
    }

    /// Opens `catalog.sqlite` in the data directory (created 0700) for the source the settings name.
    public static func open(dataDirectory: DataDirectory, settings: ConnectionSettings,
                            policy: CatalogFreshnessPolicy = CatalogFreshnessPolicy()) throws -> CatalogService {
        try dataDirectory.prepare()
        let database = try CatalogDatabase.open(at: dataDirectory.file(CatalogDatabase.fileName))
        return CatalogService(database: database, source: CatalogSource(settings: settings), policy: policy)
    }

    /// For a command that only reads (`catalog list`, `show`, `countries`): the catalog opened read-only when it
    /// can answer as it is, so the command takes no lock and writes nothing, and answers at once while another
    /// storefront refreshes the file. A catalog that must first be created, migrated, filled or replaced is
    /// opened as `open` does.
    public static func openForReading(dataDirectory: DataDirectory, settings: ConnectionSettings,
                                      policy: CatalogFreshnessPolicy = CatalogFreshnessPolicy(), now: Date = Date()) throws -> CatalogService {
        if let database = CatalogDatabase.openForReading(at: dataDirectory.file(CatalogDatabase.fileName)) {
            let service = CatalogService(database: database, source: CatalogSource(settings: settings), policy: policy)
            switch try? service.startupAction(now: now) {
            case .useCache?, .refreshInBackground?: return service
            case .fill?, .replace?, nil: break
            }
        }
        return try open(dataDirectory: dataDirectory, settings: settings, policy: policy)
    }

    /// Moves a damaged or foreign catalog file aside (nothing is deleted) so the next open starts a new one.
    /// Returns where it went; nil when there was no file.
    @discardableResult
    public static func moveAside(dataDirectory: DataDirectory, now: Date = Date()) throws(CatalogStoreError) -> URL? {
        try CatalogFile.moveAside(dataDirectory.file(CatalogDatabase.fileName), now: now)
    }

    public func startupAction(now: Date = Date()) throws(CatalogStoreError) -> CatalogStartupAction {
        policy.startupAction(for: try database.metadata(), source: source, now: now)
    }

    /// A refresher for `connection`, whose client must send its events to `events`.
    public func refresher(for connection: Connection, events: ClientEventRelay) -> CatalogRefresher {
        CatalogRefresher(database: database, client: connection.client, source: source, events: events)
    }

    /// At start: refreshes in the background when the cache is stale, empty, incomplete or from another source;
    /// nil when it is fresh. A fill streams in: the UI re-reads as `productsAvailable` grows.
    public func refreshIfNeeded(connection: Connection, events: ClientEventRelay, now: Date = Date()) throws(CatalogStoreError) -> RefreshRun? {
        try startupAction(now: now).needsRefresh ? refresher(for: connection, events: events).start() : nil
    }

    public func countries() throws -> [CountrySummary] {
        try checkSource()
        return try database.countries()
    }

    public func totals() throws -> CatalogTotals {
        try checkSource()
        return try database.totals()
    }

    /// Products matching `query`, after checking its country against the catalog's.
    public func products(_ query: CatalogQuery) throws -> ProductPage {
        try check(query)
        return try database.products(query)
    }

    /// Every product matching `query`, one at a time (see `CatalogDatabase.forEachProduct`); returns the count.
    @discardableResult
    public func forEachProduct(_ query: CatalogQuery, _ body: (ProductSummary) throws -> Void) throws -> Int {
        try check(query)
        return try database.forEachProduct(query, body)
    }

    /// Every product matching `query`, held compactly for writing out (see `CatalogDatabase.listing`).
    public func listing(_ query: CatalogQuery, bulkAbove: Int? = nil) throws -> ProductListing {
        try check(query)
        return try database.listing(query, bulkAbove: bulkAbove)
    }

    private func check(_ query: CatalogQuery) throws {
        try checkSource()
        if let country = query.country {
            let countries = try database.countryCodes()
            guard countries.contains(country) else { throw CatalogFilterError.unknownCountry(country, valid: countries) }
        }
    }

    public func product(id: String) throws -> ProductDetail {
        try checkSource()
        guard let product = try database.product(id: id) else {
            throw CatalogLookupError(notFound: true, message: "No product \"\(Sanitizer.clean(id))\" in the catalog. Find ids with `storefront catalog list --search WORDS`, or refresh the catalog (storefront catalog refresh).")
        }
        return product
    }

    /// A cache filled from another API or account never answers for this one.
    private func checkSource() throws {
        guard let metadata = try database.metadata(), metadata.source != source else { return }
        throw CatalogLookupError(message: "The catalog cache holds the catalog of \(metadata.source), not of \(source). Refresh it (storefront catalog refresh) to replace it.")
    }
}

/// A lookup the catalog cannot answer, with what to do.
public struct CatalogLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The product is not in the catalog (rather than the catalog not being usable).
    public var notFound: Bool
    public var message: String

    public init(notFound: Bool = false, message: String) {
        self.notFound = notFound
        self.message = message
    }

    public var description: String { message }
}
