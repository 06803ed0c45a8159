import CatalogStore
import StorefrontDomain

/// How many products a listing printed of how many matched: the table's last line, and the note a limited JSON
/// listing leaves on stderr, saying how to see the rest.
public struct ListingCount: Sendable, Equatable, CustomStringConvertible {
    public var shown: Int
    public var total: Int

    public init(shown: Int, total: Int) {
        self.shown = shown
        self.total = total
    }

    public init(_ listing: ProductListing) {
        self.init(shown: listing.entries.count, total: listing.total)
    }

    /// Fewer printed than matched: a limit stopped the listing.
    public var isPartial: Bool { shown < total }

    public var description: String {
        let products = total == 1 ? "1 product" : "\(Money.grouped(Int64(total))) products"
        guard isPartial else { return products }
        return "\(Money.grouped(Int64(shown))) of \(products); --all lists every one, --limit N another number"
    }
}
