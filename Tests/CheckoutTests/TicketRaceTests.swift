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
        // Another card for the same customer: the ticket, not the card, stands in bob's way.
        var lines = NeverBuyTwiceTests.request.lines
        lines[0].quantity = 2
        let alices = Purchase(id: "alices", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "api", kind: .invoice,
                              lines: lines, paymentMethod: .balance, autoPay: true, stage: .created,
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
final class StaleFirstRead: ForwardingJournal, @unchecked Sendable {
    private let looked = Mutex(false)

    override func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        if filter.ticket != nil, !looked.withLock({ seen in defer { seen = true }; return seen }) { return [] }
        return try await super.purchases(matching: filter, limit: limit)
    }
}
