import Checkout
import Foundation
import StorefrontDomain
import TeamJournal

/// `storefront-bench placement --database-url URL [--count N]`: the journal's share of one placement of `buy --ticket
/// T-n` (take the turn, ask what the engine asks, write the intent leased, write the create about to leave and then
/// the created invoice, fenced by the lease, as the engine does), N times on the embedded SQLite journal and on the
/// team's PostgreSQL one as the storefront uses it (through `SpooledTeamJournal`, outage detection included),
/// interleaved, no API involved. Target (issue 20): PostgreSQL's p99 at most 5 ms above
/// SQLite's. Each journal first gets `--history` settled purchases of the same card (10,000 by default: a desk's
/// months), because a placement's lookups must not slow as the history grows.
/// Use an empty database: it adds a `purchase` table and rows.
enum PlacementBenchmark {
    static func run(_ arguments: [String]) async -> Int32 {
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let count = option("--count").flatMap(Int.init) ?? 500
        let history = option("--history").flatMap(Int.init) ?? 10_000
        guard let text = option("--database-url") ?? ProcessInfo.processInfo.environment["STOREFRONT_DATABASE_URL"] else {
            print("storefront-bench placement needs --database-url postgres://USER@/DB?host=/run/postgresql (an empty database)")
            return 64
        }
        do {
            let url = try TeamDatabaseURL(parsing: text, defaultUser: ProcessInfo.processInfo.environment["USER"] ?? "postgres")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("placement-bench-\(getpid())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let sqlite = try UserDatabase.open(at: directory.appendingPathComponent(UserDatabase.fileName))
            let key = try TeamKey(bytes: (0..<TeamKey.byteCount).map { _ in UInt8.random(in: 0...255) })
            let team = try await PostgresJournal.connect(url, key: key, agent: "bench@\(ProcessInfo.processInfo.hostName)")
            defer { team.close() }
            let run = "\(getpid())-\(Int(Date().timeIntervalSince1970))"
            try await fill(sqlite, with: history, run: run)
            try await fill(team, with: history, run: run)
            // The team journal as the storefront places through it: outage detection and the spool included.
            let spooled = SpooledTeamJournal(team: team, url: url,
                                             spool: try UserDatabase.open(at: directory.appendingPathComponent("spool.sqlite")))
            var local: [Duration] = [], shared: [Duration] = []
            // Interleaved, each first in turn: a moment the machine is busy slows both journals, not one.
            for index in 0..<count {
                if index.isMultiple(of: 2) {
                    local.append(try await place(index, in: sqlite, run: run))
                    shared.append(try await place(index, in: spooled, run: run))
                } else {
                    shared.append(try await place(index, in: spooled, run: run))
                    local.append(try await place(index, in: sqlite, run: run))
                }
            }
            let (localFigures, sharedFigures) = (Latencies(samples: local), Latencies(samples: shared))
            print("Placement, journal only, \(count) interleaved over \(history) earlier purchases (\(url.place))")
            print("  SQLite:     \(localFigures.summary)")
            print("  PostgreSQL: \(sharedFigures.summary)")
            let above = sharedFigures.percentile(0.99) - localFigures.percentile(0.99)
            let passed = above <= .milliseconds(5)
            print("  p99 above SQLite's: \(above.text) (target ≤ 5 ms): \(passed ? "met" : "MISSED")")
            return passed ? 0 : 1
        } catch {
            print("storefront-bench placement: \(error)")
            return 70
        }
    }

    /// `count` settled purchases of the very card the benchmark then buys, written over the last 90 days: a desk's
    /// popular card after months of work, the worst case for the lookups, which must read neither all of its rows nor
    /// all of the journal's.
    static func fill(_ journal: any PurchaseJournal, with count: Int, run: String) async throws {
        for index in 0..<count {
            var earlier = purchase(id: "earlier-\(run)-\(index)", run: run)
            earlier.stage = .settled
            try await journal.recordIntent(earlier, requestHash: try CheckoutRequest(repeating: earlier).fingerprint(), takingCartLines: [],
                                           at: Date().addingTimeInterval(-86_400 * Double(index % 90 + 1)))
        }
    }

    static func purchase(id: String, run: String) -> Purchase {
        Purchase(id: id, createdAt: Date(), source: "bench#\(run)", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card", faceValue: "10 USD",
                                      denomination: .value("10"), quantity: 1)],
                 paymentMethod: .balance, autoPay: true, idempotencyKey: id)
    }

    /// One placement, timed: the desk's everyday `buy --ticket T-n` with no key, asking the journal what the engine asks
    /// (`PlacementQuestions`: an unfinished identical purchase, the ticket's purchases in flight, a recent purchase of
    /// the same card), then writing what the engine writes. Untimed after it, what the engine does at the purchase's end
    /// (settle, release the lease).
    static func place(_ index: Int, in journal: any PurchaseJournal, run: String) async throws -> Duration {
        let id = "bench-\(run)-\(index)"
        var purchase = purchase(id: id, run: run)
        purchase.idempotencyKey = nil
        purchase.ticket = "T-\(index)"
        let questions = try PlacementQuestions(CheckoutRequest(repeating: purchase), source: purchase.source, continuingUnfinished: true)
        let clock = ContinuousClock()
        let start = clock.now
        let lease = try await journal.placing(waiting: {}) { () async throws(CheckoutError) -> PurchaseLease in
            do {
                let candidates = try await journal.placementCandidates(questions, now: Date())
                guard Placement.decide(requestHash: questions.requestHash, key: nil, again: false, candidates: candidates, now: Date()) == .new else {
                    throw CheckoutError("the journal already holds a purchase in the way")
                }
                // As the engine places: the intent written leased; the create about to leave, on disk before it
                // does; the answer, fenced by the lease like both.
                guard let lease = try await journal.recordIntent(purchase, requestHash: questions.requestHash, takingCartLines: [], at: Date(),
                                                                 leasedTo: "bench", for: 30) else { throw CheckoutError("no lease") }
                purchase.stage = .sending
                guard try await journal.save(purchase, at: Date(), fencedBy: lease, durability: .beforeSending) else {
                    throw CheckoutError("lease taken over")
                }
                purchase.stage = .created
                purchase.invoiceId = "inv-\(id)"
                guard try await journal.save(purchase, at: Date(), fencedBy: lease, durability: .recoverable) else {
                    throw CheckoutError("lease taken over")
                }
                return lease
            } catch let error as CheckoutError {
                throw error
            } catch {
                throw CheckoutError("\(error)")
            }
        }
        let took = clock.now - start
        purchase.stage = .settled
        _ = try await journal.save(purchase, at: Date(), fencedBy: lease, durability: .recoverable)
        try await journal.releaseLease(lease)
        return took
    }
}
