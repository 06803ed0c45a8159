import BitrefillAPI
import Foundation
import StorefrontDomain
import Synchronization

/// The remaining request budget of the product endpoints, as the latest response reported it.
final class RateBudget: Sendable {
    private let status = Mutex<RateLimitStatus?>(nil)

    func record(_ latest: RateLimitStatus) {
        status.withLock { $0 = latest }
    }

    /// A wait for the reset has begun: the spent budget is being dealt with.
    func forget() {
        status.withLock { $0 = nil }
    }

    /// When the budget is spent: the time it comes back. Forgets the status, so one reset is waited for once.
    func exhaustedUntil(now: Date) -> Date? {
        status.withLock { status in
            guard let current = status, current.remaining == 0, let reset = current.resetAt, reset > now else { return nil }
            status = nil
            return reset
        }
    }
}

/// Walks the pages of the listings for one refresh: changes go to the fill writer as they come, or are held for
/// the final transaction.
struct RefreshWalk {
    let refresher: CatalogRefresher
    let reporter: ProgressReporter
    let budget: RateBudget
    /// Products browsable before this refresh started, for the progress of a fill.
    let liveBefore: Int
    var accumulator: RefreshAccumulator
    /// Changes held for the final transaction (when not filling), by id: the last sighting wins.
    private(set) var pending: [String: ProductRecordSet] = [:]
    private(set) var pages = 0
    /// Writes as pages come when filling; nil when everything is written in one transaction at the end.
    private var fill: FillWriter?

    init(refresher: CatalogRefresher, reporter: ProgressReporter, budget: RateBudget, fills: Bool, liveBefore: Int,
         accumulator: RefreshAccumulator) {
        self.refresher = refresher
        self.reporter = reporter
        self.budget = budget
        self.liveBefore = liveBefore
        self.accumulator = accumulator
        fill = fills ? FillWriter(database: refresher.database, reporter: reporter) : nil
    }

    /// Reads every page of `listing`. When a fill fails, what was read is still written: it can be browsed.
    mutating func read(_ listing: CatalogListing) async throws {
        do {
            try await readPages(listing)
        } catch {
            try? await fill?.finish()
            throw error
        }
    }

    /// A 429 the client gave up on is waited out, then reading resumes at the offset reached. The walk is background
    /// work: in the desk's shared budget it gives way to calls an agent is waiting for.
    private mutating func readPages(_ listing: CatalogListing) async throws {
        var offset = 0
        while true {
            do {
                for try await page in refresher.client.inBackground().pages(Self.endpoint(listing, start: offset)) {
                    offset += page.items.count + page.droppedCount
                    try await absorb(page, from: listing)
                }
                return
            } catch let error as APIError where error.kind == .rateLimited {
                try await wait(until: error.retryAt ?? refresher.now().addingTimeInterval(60))
            }
        }
    }

    /// Writes what a fill still holds.
    mutating func finishStoring() async throws {
        try await fill?.finish()
    }

    private mutating func absorb(_ page: Page<Product>, from listing: CatalogListing) async throws {
        try Task.checkCancellation()
        pages += 1
        let changes = accumulator.absorb(page, from: listing, at: refresher.now())
        reporter.update { [pages, read = accumulator.seen.count] progress in
            progress.phase = .reading(listing)
            progress.pagesRead = pages
            progress.productsRead = read
        }
        if fill != nil {
            let available = liveBefore + accumulator.added
            try await fill?.add(changes, available: available)
        } else {
            for set in changes { pending[set.id] = set }
        }
        if page.hasMore, let reset = budget.exhaustedUntil(now: refresher.now()) {
            try await wait(until: reset)
        }
    }

    private func wait(until date: Date) async throws {
        budget.forget()
        reporter.update { $0.phase = .waitingForRateLimit(until: date) }
        let seconds = date.timeIntervalSince(refresher.now())
        // A quarter of a second past the reset, so the budget has surely come back.
        try await refresher.sleep(.milliseconds(Int(max(0, seconds) * 1000) + 250))
    }

    static func endpoint(_ listing: CatalogListing, start: Int) -> Endpoint<[Product]> {
        switch listing {
        case .esimPlans: Endpoints.esimPlans(includeTestProducts: true, start: start)
        case .products: Endpoints.products(includeTestProducts: true, start: start)
        }
    }
}
