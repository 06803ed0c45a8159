import BitrefillAPI
import CatalogStore
import Foundation
import SandboxServer
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import TeamJournal
import Testing

/// The desk's shared catalog on the private PostgreSQL, with a real sandbox over loopback: host A walks the API and
/// stores the catalog; host B's refresh copies it, and the requests B sends to the sandbox are counted.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamCatalogTests {
    let server: PrivatePostgres
    let database: String
    let url: TeamDatabaseURL
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        server = try PrivatePostgres.shared()
        database = try server.makeDatabase()
        url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        // Opening the journal migrates the schema, the catalog's tables included.
        _ = try await PostgresJournalContractTests.journal(on: server, database: database)
    }

    /// Counts what a host sends to the sandbox.
    final class Counter: Sendable {
        let sent = Mutex(0)
        var count: Int { sent.withLock { $0 } }
        func transport() -> HTTPTransport {
            let inner = HTTPTransport.asyncHTTPClient()
            return HTTPTransport { [self] request in
                sent.withLock { $0 += 1 }
                return try await inner.send(request)
            }
        }
    }

    /// One host: its own catalog, its own client of the sandbox (counted), its own pool on the team database.
    struct Host {
        let catalog: CatalogDatabase
        let counter = Counter()
        let team: TeamCatalog
        let refresher: CatalogRefresher

        init(sandbox: RunningSandbox, url: TeamDatabaseURL, name: String, now: (@Sendable () -> Date)? = nil) throws {
            catalog = try CatalogDatabase.inMemory()
            let configuration = ClientConfiguration(baseURL: URL(string: sandbox.baseURL)!, credentials: .bearer(apiKey: "sandbox-key"))
            refresher = CatalogRefresher(database: catalog, client: BitrefillClient(configuration: configuration, transport: counter.transport()),
                                         source: CatalogSource(apiURL: "sandbox", account: "desk"))
            team = TeamCatalog(url: url, agent: name, now: now, sleep: { _ in await Task.yield() })
        }

        func refresh() async throws -> TeamCatalog.Outcome {
            let refresher = refresher
            return try await team.refresh(catalog, source: refresher.source, maxAge: 3600) { try await refresher.refresh() }
        }
    }

    func withSandbox(_ body: (RunningSandbox) async throws -> Void) async throws {
        let sandbox = try await RunningSandbox.start(configuration: SandboxConfiguration(productCount: 300, rateLimits: .off))
        do {
            try await body(sandbox)
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test func hostBCopiesHostAsCatalogAndSendsNoRequest() async throws {
        try await withSandbox { sandbox in
            let a = try Host(sandbox: sandbox, url: url, name: "alice@desk1")
            let b = try Host(sandbox: sandbox, url: url, name: "bob@desk2")
            guard case .refreshed(let summary) = try await a.refresh() else { Issue.record("host A did not walk the API"); return }
            #expect(summary.productsListed >= 300)
            #expect(a.counter.count > 0)

            #expect(try await b.refresh() == .copied(products: summary.productsListed, refreshingNow: nil))
            #expect(b.counter.count == 0, "host B sent requests to the sandbox")
            let everything = CatalogQuery(limit: nil)
            #expect(try b.catalog.products(everything) == a.catalog.products(everything))
            #expect(try b.catalog.metadata() == a.catalog.metadata())
            #expect(try b.catalog.product(id: "test-gift-card-code") != nil)
        }
    }

    /// Two hosts refreshing an empty desk at once: one walks the API, the other waits for its copy.
    @Test func twoHostsRefreshingTogetherWalkTheAPIOnce() async throws {
        try await withSandbox { sandbox in
            let a = try Host(sandbox: sandbox, url: url, name: "alice@desk1")
            let b = try Host(sandbox: sandbox, url: url, name: "bob@desk2")
            async let first = a.refresh()
            async let second = b.refresh()
            let outcomes = try await [first, second]
            #expect(outcomes.filter { if case .refreshed = $0 { true } else { false } }.count == 1)
            #expect([a.counter.count, b.counter.count].filter { $0 == 0 }.count == 1)
            let everything = CatalogQuery(limit: nil)
            #expect(try b.catalog.products(everything) == a.catalog.products(everything))
        }
    }

    /// A holder that stops renewing (crashed) loses the lease 15 s after its last renewal, not before.
    @Test func aCrashedHoldersLeaseIsTakenOverWithinFifteenSeconds() async throws {
        let time = Mutex(Self.start)
        let clock: @Sendable () -> Date = { time.withLock { $0 } }
        let a = TeamCatalog(url: url, agent: "alice@desk1", now: clock)
        let b = TeamCatalog(url: url, agent: "bob@desk2", now: clock)
        #expect(try await a.takeLease())
        time.withLock { $0 = Self.start.addingTimeInterval(10) }
        #expect(try await !b.takeLease())
        #expect(try await a.takeLease(), "the holder renews")
        time.withLock { $0 = Self.start.addingTimeInterval(24) }
        #expect(try await !b.takeLease())
        time.withLock { $0 = Self.start.addingTimeInterval(25) }
        #expect(try await b.takeLease())
        #expect(try await !a.takeLease())
    }
}
