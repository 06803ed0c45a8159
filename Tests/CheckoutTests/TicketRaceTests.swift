import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// Two hosts racing for one ticket: the second read the journal before the first's intent landed, so its own check
/// saw the ticket free. The journal's one claim per ticket in flight refuses its intent write, and the placement,
/// reading again, refuses naming who got there first; nothing is sent.
@Suite struct TicketRaceTests {
    @Test func aHostThatLostTheRaceForATicketSendsNothingAndNamesTheWinner() async throws {
        let journal = try UserDatabase.inMemory()
        let alices = Purchase(id: "alices", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "api", kind: .invoice,
                              lines: NeverBuyTwiceTests.request.lines, paymentMethod: .balance, autoPay: true, stage: .created,
                              invoiceId: "inv-a", agent: "alice@desk2", ticket: "T-9", claimsTicket: true)
        try journal.recordIntent(alices, requestHash: "a", at: alices.createdAt)
        let stub = StubTransport([], fallback: Stub.data(NeverBuyTwiceTests.delivered))
        let clock = RecordingClock()
        let engine = PurchaseEngine(client: stubbedClient(stub, clock: clock), journal: StaleFirstRead(journal), source: "api",
                                    agent: "bob@desk3", now: { clock.now.addingTimeInterval(180) })
        var request = NeverBuyTwiceTests.request
        request.ticket = "T-9"
        do {
            _ = try await engine.place(request)
            Issue.record("placed although alice's purchase for T-9 is in flight")
        } catch {
            #expect(error.refusal == .ticketInFlight(purchase: alices, minutesAgo: 3))
            #expect(error.message.hasPrefix("alice@desk2 is already buying for ticket T-9 (purchase alices, 3 min ago)"), "\(error.message)")
        }
        #expect(await stub.requestCount == 0, "nothing was sent")
        #expect(try journal.purchases(matching: PurchaseFilter(ticket: "T-9")).map(\.id) == ["alices"])
    }
}

/// A journal whose first look for a ticket's purchases in flight comes back empty, as a read made just before
/// another host's write would.
final class StaleFirstRead: PurchaseJournal {
    let base: UserDatabase
    private let looked = Mutex(false)

    init(_ base: UserDatabase) { self.base = base }

    func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        if filter.ticket != nil, !looked.withLock({ seen in defer { seen = true }; return seen }) { return [] }
        return try base.purchases(matching: filter, limit: limit)
    }

    func placing<T: Sendable>(waiting: @Sendable () -> Void, _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        try await base.placing(waiting: waiting, body)
    }
    func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date, leasedTo holder: String?,
                      for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        try base.recordIntent(purchase, requestHash: requestHash, takingCartLines: lineIDs, at: now, leasedTo: holder, for: length)
    }
    func takeLease(of id: String, holder: String, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        try base.takeLease(of: id, holder: holder, for: length)
    }
    func renewLease(_ lease: PurchaseLease, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        try base.renewLease(lease, for: length)
    }
    func releaseLease(_ lease: PurchaseLease) async throws(UserDatabaseError) { try base.releaseLease(lease) }
    func lease(of id: String) async throws(UserDatabaseError) -> PurchaseLease? { try base.lease(of: id) }
    func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease) async throws(UserDatabaseError) -> Bool {
        try base.save(purchase, at: now, fencedBy: lease)
    }
    func save(_ purchase: Purchase, at now: Date) async throws(UserDatabaseError) { try base.save(purchase, at: now) }
    func holdCartLines(_ lineIDs: [String], for purchaseId: String) async throws(UserDatabaseError) {
        try base.holdCartLines(lineIDs, for: purchaseId)
    }
    func purchase(id: String) async throws(UserDatabaseError) -> Purchase? { try base.purchase(id: id) }
    func purchase(invoiceId: String, source: String) async throws(UserDatabaseError) -> Purchase? {
        try base.purchase(invoiceId: invoiceId, source: source)
    }
    func newestPurchase(invoiceId: String) async throws(UserDatabaseError) -> Purchase? { try base.newestPurchase(invoiceId: invoiceId) }
    func purchase(idempotencyKey key: String) async throws(UserDatabaseError) -> Purchase? { try base.purchase(idempotencyKey: key) }
    func requestHash(of id: String) async throws(UserDatabaseError) -> String? { try base.requestHash(of: id) }
    func openPurchase(source: String, requestHash: String, stages: [PurchaseStage]) async throws(UserDatabaseError) -> Purchase? {
        try base.openPurchase(source: source, requestHash: requestHash, stages: stages)
    }
    func recentPurchase(source: String, requestHash: String, stages: [PurchaseStage], since: Date) async throws(UserDatabaseError) -> Purchase? {
        try base.recentPurchase(source: source, requestHash: requestHash, stages: stages, since: since)
    }
    func unfinishedPurchases(source: String) async throws(UserDatabaseError) -> [Purchase] { try base.unfinishedPurchases(source: source) }
    func knownInvoiceIds(source: String) async throws(UserDatabaseError) -> Set<String> { try base.knownInvoiceIds(source: source) }
}
