import BitrefillAPI
import CatalogStore
import Foundation
import StorefrontDomain
import Synchronization

/// A small catalog covering every kind of product and classification signal.
enum SampleCatalog {
    static var products: [FakeProduct] {
        [
            FakeProduct(id: "amazon-us", name: "Amazon.com", countryName: "United States", categories: ["gifts", "shopping"],
                        packages: [("p10", "10", 16_000), ("p25", "25", 40_000), ("p50", "50", 80_000)]),
            FakeProduct(id: "netflix-de", name: "Netflix", country: "DE", countryName: "Germany", currency: "EUR",
                        categories: ["entertainment"], packages: [], range: (15, 100, 5, 1_666.33)),
            FakeProduct(id: "cafe-de-flore", name: "Café de Flore", country: "FR", countryName: "France", currency: "EUR",
                        categories: ["food"]),
            FakeProduct(id: "vodafone-de", name: "Vodafone Germany", country: "DE", countryName: "Germany", currency: "EUR",
                        categories: ["refill"], recipientType: "phone_number", range: (5, 50, 1, 1_700)),
            FakeProduct(id: "edf-fr", name: "EDF Électricité", country: "FR", countryName: "France", currency: "EUR",
                        categories: ["utilities"], recipientType: "account"),
            FakeProduct(id: "zalando-de", name: "Zalando", country: "DE", countryName: "Germany", currency: "EUR",
                        categories: ["fashion"], inStock: false),
            FakeProduct(id: "test-gift-card-code", name: "Test Gift Card Code", country: "KN", countryName: "St Kitts and Nevis",
                        range: (10, 100, 10, 1_666.33)),
        ]
    }

    static var esims: [FakeProduct] {
        [
            FakeProduct(id: "esim-europe", name: "Europe eSIM", country: nil, currency: "USD", categories: [],
                        recipientType: nil, packages: [("5gb", "5GB, 30 Days", 90_000), ("10gb", "10GB, 30 Days", 150_000)],
                        coverage: ["FR", "DE", "ES"]),
        ]
    }

    static func api(docs: Bool = false, pageSize: Int = 2) -> FakeCatalogAPI {
        FakeCatalogAPI(products: products, esims: esims, docs: docs, pageSize: pageSize)
    }
}

/// Runs one refresh against `api` with instant sleeps.
@discardableResult
func refresh(_ database: CatalogDatabase, from api: FakeCatalogAPI, maxRateLimitWaits: Int = 8,
             slept: SleepLog? = nil,
             onProgress: @escaping @Sendable (RefreshProgress) -> Void = { _ in }) async throws(RefreshError) -> RefreshSummary {
    let relay = ClientEventRelay()
    let refresher = CatalogRefresher(database: database, client: api.client(relay: relay, maxRateLimitWaits: maxRateLimitWaits),
                                     events: relay, sleep: { slept?.append($0) })
    return try await refresher.refresh(onProgress: onProgress)
}

/// Records the refresher's own sleeps (waits for a rate limit's reset).
final class SleepLog: Sendable {
    private let durations = Mutex<[Duration]>([])

    func append(_ duration: Duration) {
        durations.withLock { $0.append(duration) }
    }

    var all: [Duration] { durations.withLock { $0 } }
}

/// Collects progress snapshots.
final class ProgressLog: Sendable {
    private let snapshots = Mutex<[RefreshProgress]>([])

    func append(_ progress: RefreshProgress) {
        snapshots.withLock { $0.append(progress) }
    }

    var all: [RefreshProgress] { snapshots.withLock { $0 } }
}

/// A temporary data directory, removed when the test that made it lets go of it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var catalogURL: URL { url.appendingPathComponent(CatalogDatabase.fileName) }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
