import Checkout
import Foundation
import StorefrontDomain
import TeamJournal

/// `storefront-bench feed-latency --database-url URL [--count N]`: how long a colleague's purchase takes to reach the
/// team feed. One connection writes a purchase (the clock starts before the write is sent, so the commit itself is
/// counted); a feed on a connection of its own reads it after the notification; the clock stops when the feed hands
/// it over. One purchase at a time, each waited for. Target (issue 20): p99 at most 1 s. Use an empty database.
enum FeedLatencyBenchmark {
    static func run(_ arguments: [String]) async -> Int32 {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let count = option("--count").flatMap(Int.init) ?? 500
        guard let text = option("--database-url") ?? ProcessInfo.processInfo.environment["STOREFRONT_DATABASE_URL"] else {
            print("storefront-bench feed-latency needs --database-url postgres://USER@/DB?host=/run/postgresql (an empty database)")
            return 64
        }
        do {
            let url = try TeamDatabaseURL(parsing: text, defaultUser: ProcessInfo.processInfo.environment["USER"] ?? "postgres")
            let key = try TeamKey(bytes: (0..<TeamKey.byteCount).map { _ in UInt8.random(in: 0...255) })
            let writer = try await PostgresJournal.connect(url, key: key, agent: "writer@\(ProcessInfo.processInfo.hostName)")
            let watcher = try await PostgresJournal.connect(url, key: key, agent: "watcher@\(ProcessInfo.processInfo.hostName)")
            defer { writer.close(); watcher.close() }
            let clock = ContinuousClock()
            let (arrivals, arrived) = AsyncStream.makeStream(of: (id: String, at: ContinuousClock.Instant).self)
            let feed = TeamFeed(url: url, journal: watcher)
            let cursor = try await watcher.currentChanges(limit: 0).cursor
            let following = Task {
                await feed.follow(from: cursor) { event in
                    guard case .changed(let changes) = event else { return }
                    let now = clock.now
                    for change in changes { arrived.yield((change.purchase.id, now)) }
                }
            }
            defer { following.cancel() }
            var seen = arrivals.makeAsyncIterator()
            let run = "\(getpid())-\(Int(Date().timeIntervalSince1970))"
            // The first purchase only proves the feed is listening; it is not counted.
            var samples: [Duration] = []
            for index in 0...count {
                let id = "feed-\(run)-\(index)"
                let start = clock.now
                try await writer.recordIntent(purchase(id), requestHash: id, takingCartLines: [], at: Date())
                while let arrival = await seen.next() {
                    guard arrival.id == id else { continue }
                    if index > 0 { samples.append(arrival.at - start) }
                    break
                }
            }
            let latencies = Latencies(samples: samples)
            print("Team feed latency, commit on one connection to the feed's event on another, \(count) purchases one at a time (\(url.place))")
            print("  \(latencies.summary)")
            let passed = latencies.percentile(0.99) <= .seconds(1)
            print("  p99 \(latencies.percentile(0.99).text) (target ≤ 1 s): \(passed ? "met" : "MISSED")")
            return passed ? 0 : 1
        } catch {
            print("storefront-bench feed-latency: \(error)")
            return 70
        }
    }

    static func purchase(_ id: String) -> Purchase {
        Purchase(id: id, createdAt: Date(), source: "bench#feed", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card", faceValue: "10 USD",
                                      denomination: .value("10"), quantity: 1)],
                 paymentMethod: .balance, autoPay: true, idempotencyKey: id)
    }
}
