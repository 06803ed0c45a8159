import Foundation

/// Where a catalog refresh is, as the UI and the CLI show it: pages and products read so far, what it is
/// doing now (reading, waiting out a rate limit, retrying, writing) and, when the size is known, an ETA.
public struct RefreshProgress: Sendable, Hashable {
    public enum Phase: Sendable, Hashable {
        case starting
        /// Reading the pages of one listing.
        case reading(CatalogListing)
        /// The API's rate limit is used up: nothing is sent until `until`.
        case waitingForRateLimit(until: Date)
        /// A request failed in a way that may pass (5xx, lost connection): trying again at `at`.
        case retrying(at: Date, reason: String)
        /// Every page is read; the result is being written.
        case writing
        case finished(RefreshSummary)
        /// The refresh stopped; the cache is as it was before it started (or, for a first fill, holds what was
        /// read so far and is marked incomplete).
        case failed(message: String)
    }

    public var phase: Phase
    public var pagesRead: Int
    public var productsRead: Int
    /// How many products the previous complete refresh found: the best guess of the total.
    public var expectedProducts: Int?
    /// Products already browsable while a first fill streams in (0 when the refresh writes everything at the end).
    public var productsAvailable: Int
    public var startedAt: Date

    public init(phase: Phase = .starting, pagesRead: Int = 0, productsRead: Int = 0, expectedProducts: Int? = nil,
                productsAvailable: Int = 0, startedAt: Date) {
        self.phase = phase
        self.pagesRead = pagesRead
        self.productsRead = productsRead
        self.expectedProducts = expectedProducts
        self.productsAvailable = productsAvailable
        self.startedAt = startedAt
    }

    /// Between 0 and 1 when the total can be guessed; a refresh that finds more than expected stays below 1
    /// until it finishes.
    public var fractionDone: Double? {
        if case .finished = phase { return 1 }
        guard let expectedProducts, expectedProducts > 0 else { return nil }
        return min(0.99, Double(productsRead) / Double(expectedProducts))
    }

    /// Time left at the pace so far (waits for the rate limit included), when the total can be guessed.
    public func estimatedRemaining(now: Date) -> TimeInterval? {
        guard let fraction = fractionDone, fraction > 0, fraction < 1 else { return nil }
        let elapsed = now.timeIntervalSince(startedAt)
        return max(0, elapsed / fraction - elapsed)
    }

    public var isFinal: Bool {
        switch phase {
        case .finished, .failed: true
        default: false
        }
    }
}

/// The two listings a refresh walks.
public enum CatalogListing: String, Sendable, Hashable, Codable {
    /// `GET /products/esims`, read first so that products can be classified as they arrive.
    case esimPlans = "esim plans"
    /// `GET /products`.
    case products
}

/// What a finished refresh did. `written` counts product rows inserted or changed, the figure that shows an
/// unchanged catalog costs no writes.
public struct RefreshSummary: Sendable, Hashable, Codable {
    public var pages: Int
    /// Distinct products listed by the API.
    public var productsListed: Int
    public var added: Int
    public var changed: Int
    public var unchanged: Int
    /// Products that disappeared from the listing, now marked gone (kept for history).
    public var markedGone: Int
    /// Listed elements that could not be read and were left out. When there are any, nothing is marked gone:
    /// an unreadable product has not disappeared.
    public var unreadable: Int
    public var duration: TimeInterval

    public init(pages: Int = 0, productsListed: Int = 0, added: Int = 0, changed: Int = 0, unchanged: Int = 0,
                markedGone: Int = 0, unreadable: Int = 0, duration: TimeInterval = 0) {
        self.pages = pages
        self.productsListed = productsListed
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
        self.markedGone = markedGone
        self.unreadable = unreadable
        self.duration = duration
    }

    public var written: Int { added + changed + markedGone }
}
