import BitrefillAPI
import Foundation
import StorefrontDomain

/// The bookkeeping of one refresh: which products the API listed, which of them differ from the cache, and
/// the counts of the summary. Pure: it reads pages and says what to write, the refresher writes.
struct RefreshAccumulator {
    /// The cache as the refresh found it.
    let baseline: [String: KnownProduct]
    /// Content hashes as of the latest sighting: an id listed twice (eSIM plans, then products) is compared
    /// with what this refresh already wrote.
    private var latestHash: [String: Int64] = [:]
    /// Ids listed by `GET /products/esims`, with their coverage: products are classified with it.
    private var esimCoverage: [String: [String]] = [:]
    private(set) var seen: Set<String> = []
    /// Ids written (or to be written) by this refresh.
    private(set) var written: Set<String> = []
    /// Listed products the cache did not have.
    private(set) var added = 0
    private(set) var unreadable = 0
    private(set) var dialect: CatalogDialect?

    init(baseline: [String: KnownProduct]) {
        self.baseline = baseline
        latestHash = baseline.compactMapValues { $0.isGone ? nil : $0.contentHash }
    }

    /// Reads one page of `listing`; returns the products that must be written.
    mutating func absorb(_ page: Page<Product>, from listing: CatalogListing, at now: Date) -> [ProductRecordSet] {
        unreadable += page.droppedCount
        var changes: [ProductRecordSet] = []
        changes.reserveCapacity(page.items.count)
        for product in page.items {
            if seen.insert(product.id).inserted, baseline[product.id] == nil { added += 1 }
            dialect = CatalogDialect.of(product).merged(with: dialect)
            if listing == .esimPlans { esimCoverage[product.id] = product.coverage }
            let listedCoverage = esimCoverage[product.id]
            let set = ProductNormalizer.records(for: product, isESIMPlan: listedCoverage != nil,
                                                coverage: listedCoverage ?? [], at: now)
            guard latestHash[product.id] != set.contentHash else { continue }
            latestHash[product.id] = set.contentHash
            written.insert(product.id)
            changes.append(set)
        }
        return changes
    }

    /// Live products of the cache the API no longer lists. None when some listed products could not be read:
    /// an unreadable product has not disappeared, and there is no telling which one it was.
    var vanished: [Int64] {
        guard unreadable == 0 else { return [] }
        return baseline.compactMap { id, known in !known.isGone && !seen.contains(id) ? known.key : nil }
    }

    func summary(pages: Int, markedGone: Int, duration: TimeInterval) -> RefreshSummary {
        let changed = written.count { baseline[$0] != nil }
        return RefreshSummary(pages: pages, productsListed: seen.count, added: added, changed: changed,
                              unchanged: seen.count - added - changed, markedGone: markedGone,
                              unreadable: unreadable, duration: duration)
    }
}
