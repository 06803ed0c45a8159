import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// Every question a placement asks the journal is a round trip to the team database inside the desk's placement turn,
/// so a placement asks only those whose answer can change what `Placement.decide` does: a key the caller gave decides
/// alone, `--again` overrides the identical-recent rule, and a purchase found by its key is the answer.
@Suite struct PlacementQuestionsTests {
    static let second = SameCardTicketTests.second

    @Test func aPlainPurchaseAsksForAnUnfinishedAndARecentIdenticalOne() async throws {
        let (engine, journal, _) = try Self.engine()
        _ = try await engine.place(NeverBuyTwiceTests.request)
        #expect(journal.asked == ["open", "recent"])
    }

    @Test func buyingAgainOnPurposeDoesNotAskForARecentIdenticalPurchase() async throws {
        let (engine, journal, _) = try Self.engine()
        var request = NeverBuyTwiceTests.request
        request.again = true
        _ = try await engine.place(request)
        #expect(journal.asked == ["open"], "--again buys whatever was bought moments ago")
    }

    @Test func aKeyTheCallerGaveDecidesAloneSoNoIdenticalPurchaseIsAskedFor() async throws {
        let (engine, journal, stub) = try Self.engine()
        var request = NeverBuyTwiceTests.request
        request.idempotencyKey = "order-77"
        _ = try await engine.place(request)
        #expect(journal.asked == ["key"])

        journal.forget()
        let again = try await engine.place(request)
        #expect(again.invoiceId == "inv-1" && journal.asked == ["key"], "the key's purchase is the answer; nothing else is asked")
        #expect(await NeverBuyTwiceTests.creates(stub) == 1)
    }

    @Test func aTicketIsAskedAboutEvenWhenBuyingAgainBecauseTheFirstOnItClaimsIt() async throws {
        let (engine, journal, _) = try Self.engine()
        var request = NeverBuyTwiceTests.request
        request.ticket = "T-9"
        request.again = true
        _ = try await engine.place(request)
        #expect(journal.asked == ["open", "ticket"])
    }

    @Test func aRecentIdenticalPurchaseIsStillRefusedWithoutAKey() async throws {
        let (engine, _, stub) = try Self.engine()
        let first = try await engine.place(NeverBuyTwiceTests.request)
        #expect(try await engine.follow(first.id).stage == .settled)
        await #expect(throws: CheckoutError.self) { try await engine.place(NeverBuyTwiceTests.request) }
        #expect(await NeverBuyTwiceTests.creates(stub) == 1)
    }

    static func engine() throws -> (PurchaseEngine, QuestionLog, StubTransport) {
        let journal = QuestionLog(try UserDatabase.inMemory())
        let stub = StubTransport([Stub.data(NeverBuyTwiceTests.delivered), Stub.data(second)], fallback: Stub.data(second))
        let clock = RecordingClock()
        let engine = PurchaseEngine(client: stubbedClient(stub, clock: clock), journal: journal, source: "api", agent: "alice@desk1",
                                    now: { clock.now })
        return (engine, journal, stub)
    }
}

/// Records which of the placement's questions the journal was asked, in order.
final class QuestionLog: ForwardingJournal, @unchecked Sendable {
    private let log = Mutex<[String]>([])
    var asked: [String] { log.withLock { $0 } }
    func forget() { log.withLock { $0 = [] } }
    private func ask(_ question: String) { log.withLock { $0.append(question) } }

    override func purchase(idempotencyKey key: String) async throws(UserDatabaseError) -> Purchase? {
        ask("key")
        return try await super.purchase(idempotencyKey: key)
    }
    override func openPurchase(source: String, requestHash: String, stages: [PurchaseStage]) async throws(UserDatabaseError) -> Purchase? {
        ask("open")
        return try await super.openPurchase(source: source, requestHash: requestHash, stages: stages)
    }
    override func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                                 since: Date) async throws(UserDatabaseError) -> Purchase? {
        ask("recent")
        return try await super.recentPurchase(source: source, bodyHash: bodyHash, ticket: ticket, stages: stages, since: since)
    }
    override func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        if filter.ticket != nil { ask("ticket") }
        return try await super.purchases(matching: filter, limit: limit)
    }
}
