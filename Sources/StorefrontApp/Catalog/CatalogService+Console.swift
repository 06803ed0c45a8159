import BitrefillAPI
import CatalogStore
import CommandReports
import Foundation
import StorefrontDomain

extension CatalogService {
    /// Connects with `settings`, refreshes the catalog while showing progress on `output`, and disconnects
    /// (stopping an embedded sandbox). Used by `storefront catalog refresh` and by commands that find the cache
    /// empty or from another source.
    public func refreshShowingProgress(settings: ConnectionSettings, output: TerminalOutput) async throws -> RefreshSummary {
        let relay = ClientEventRelay()
        let connection = try await Connection.open(settings, onEvent: relay.send)
        let run = refresher(for: connection, events: relay).start()
        let result = await RefreshProgressDisplay(output: output).follow(run)
        await connection.close()
        return try result.get()
    }

    /// Before answering from the cache: fills it first when it cannot answer (empty, incomplete, another
    /// source), or notes on `notes` that it is stale. Returns what was done, for the caller's own notes.
    @discardableResult
    public func prepareForReading(settings: ConnectionSettings, notes: TerminalOutput, now: Date = Date()) async throws -> CatalogStartupAction {
        let action = try startupAction(now: now)
        switch action {
        case .useCache:
            break
        case .refreshInBackground(let age):
            notes.write("Note: the catalog is \(RefreshProgressText.duration(age)) old; `storefront catalog refresh` updates it.\n")
        case .fill:
            notes.write("The catalog cache is empty or incomplete: filling it first.\n")
            _ = try await refreshShowingProgress(settings: settings, output: notes)
        case .replace(let previous):
            notes.write("The catalog cache holds the catalog of \(previous); replacing it with that of \(source).\n")
            _ = try await refreshShowingProgress(settings: settings, output: notes)
        }
        return action
    }

    /// Writes the products of `query` as a table fitting `width`, then a count line. The listing is held (a few
    /// dozen bytes a product) so that it is read once: the columns are measured before the first line.
    @discardableResult
    public func writeProductTable(_ query: CatalogQuery, width: Int, to out: inout OutputBuffer) throws -> ListingCount {
        let listing = try listing(query)
        ProductListingText.writeTable(listing, width: width, to: &out)
        return ListingCount(listing)
    }

    /// Writes the products of `query` as a JSON array, one product a line.
    @discardableResult
    public func writeProductJSON(_ query: CatalogQuery, to out: inout OutputBuffer) throws -> ListingCount {
        let listing = try listing(query)
        ProductListingText.writeJSON(listing, to: &out)
        return ListingCount(listing)
    }

    /// The catalog commands' JSON: sorted snake_case keys, ISO 8601 dates, slashes left alone.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
