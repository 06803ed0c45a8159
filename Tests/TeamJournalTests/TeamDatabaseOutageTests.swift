import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Synchronization
import Testing

/// The team database going away, on a real PostgreSQL of the test's own stopped and started again: a new purchase is
/// refused before anything is sent; a purchase already sent is followed to its end, its codes kept in the data
/// directory's journal (the spool) and written to the team database once it answers again. Nothing is lost.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamDatabaseOutageTests {
    static let delivered = #"""
    {"id":"inv-1","created_time":"2026-12-05T10:00:00.000Z","status":"all_delivered",
     "payment":{"method":"balance","currency":"BTC","price":16664,"status":"payment_confirmed"},
     "orders":[{"id":"ord-1","status":"delivered","product":{"id":"test-gift-card-code","name":"Test","value":"10","currency":"USD"},
                "redemption_info":{"code":"GIFT-1111-2222"}}]}
    """#

    static let request = CheckoutRequest(lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 USD",
                                                              denomination: .value("10"), quantity: 1)],
                                         idempotencyKey: "ticket-77")

    struct Desk {
        let server: PrivatePostgres
        let url: TeamDatabaseURL
        let spool: UserDatabase
        let journal: SpooledTeamJournal
    }

    /// A server of the test's own (stopping it must not disturb other suites), a database on it, and one host's
    /// journal: the team database with the data directory's journal as its spool.
    static func desk() async throws -> Desk {
        let server = try PrivatePostgres.startOwn()
        let database = try server.makeDatabase()
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        let team = try await PostgresJournal.connect(url, key: PostgresJournalContractTests.key, agent: "tester@desk")
        let spool = try UserDatabase.inMemory()
        return Desk(server: server, url: url, spool: spool, journal: SpooledTeamJournal(team: team, url: url, spool: spool))
    }

    static func engine(_ stub: StubTransport, journal: any PurchaseJournal) -> PurchaseEngine {
        let clock = RecordingClock()
        return PurchaseEngine(client: stubbedClient(stub, clock: clock), journal: journal, source: "api", now: { clock.now })
    }

    @Test func aNewPurchaseWithTheDatabaseDownIsRefusedBeforeAnythingIsSent() async throws {
        let desk = try await Self.desk()
        try desk.server.stopServer()
        let stub = StubTransport([], fallback: Stub.data(Self.delivered))
        let error = await #expect(throws: CheckoutError.self) { try await Self.engine(stub, journal: desk.journal).place(Self.request) }
        #expect(error?.message.contains("The team database at \(desk.url.place) is unreachable; nothing was bought") == true)
        #expect(error?.journalFailure == .unreachable)
        #expect(await stub.requestCount == 0, "nothing was sent")
        #expect(try desk.spool.purchases().isEmpty)
    }

    @Test func aPurchaseSentBeforeTheDatabaseStopsIsFollowedToItsEndAndReachesTheTeamOnceItIsBack() async throws {
        let desk = try await Self.desk()
        let server = desk.server
        // The database stops while the create is on its way: the server makes the invoice, the team cannot hear of it.
        let stub = StubTransport([{ request in
            try server.stopServer()
            return try Stub.data(Self.delivered)(request)
        }], fallback: Stub.data(Self.delivered))
        let engine = Self.engine(stub, journal: desk.journal)
        let placed = try await engine.place(Self.request)
        let settled = try await engine.follow(placed.id)
        #expect(settled.stage == .settled)
        #expect(settled.orders.first?.redemption?.code == "GIFT-1111-2222")
        #expect(try desk.spool.purchase(id: placed.id)?.orders.first?.redemption?.code == "GIFT-1111-2222", "the code waits in the spool")

        try server.startServer()
        let replay = try await desk.journal.replaySpool()
        #expect(replay == SpoolReplay(written: 1, alreadyThere: 0, kept: 0), "\(replay.problems)")
        let colleague = try await PostgresJournal.connect(desk.url, key: PostgresJournalContractTests.key, agent: "colleague@desk")
        let seen = try await colleague.purchase(idempotencyKey: "ticket-77")
        #expect(seen?.stage == .settled)
        #expect(seen?.orders.first?.redemption?.code == "GIFT-1111-2222")
        #expect(try desk.spool.purchases().isEmpty, "no code stays on the host once the team has it")
        #expect(try await desk.journal.replaySpool() == SpoolReplay(written: 0, alreadyThere: 0, kept: 0))
        #expect(await Self.creates(stub) == 1)
    }

    /// Opening a connection to ask whether the database answers costs a placement more than all its statements (a
    /// startup, an authentication, a query and a goodbye, inside the desk's placement turn), so a placement asks only
    /// when the pool fails or does not answer in time: the pool's own answer is the proof. (The patience is long here,
    /// so a slow machine's late answer is not taken for silence.)
    @Test func aPlacementWhileTheDatabaseAnswersOpensNoConnectionToAskWhetherItDoes() async throws {
        let desk = try await Self.desk()
        let probes = ProbeCount()
        let journal = SpooledTeamJournal(team: desk.journal.team, url: desk.url, spool: desk.spool, patience: .seconds(600), probe: { [url = desk.url] in
            probes.add()
            return await url.answers()
        })
        let stub = StubTransport([], fallback: Stub.data(Self.delivered))
        let placed = try await Self.engine(stub, journal: journal).place(Self.request)
        #expect(placed.invoiceId == "inv-1")
        #expect(probes.count == 0, "asked \(probes.count) times over a connection of its own")
    }

    static func creates(_ stub: StubTransport) async -> Int {
        await stub.requests.filter { $0.method == "POST" && $0.url.path.hasSuffix("/invoices") }.count
    }
}

/// How many times a journal asked, over a connection of its own, whether the database answers.
final class ProbeCount: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}
