import Checkout
import Foundation
import StorefrontDomain
import Testing

/// The never-buy-twice rules, row by row: what the journal holds, what is asked, what happens.
@Suite struct PlacementTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func purchase(_ id: String, stage: PurchaseStage, invoice: String? = "inv-\(UUID().uuidString.prefix(4))",
                         minutesAgo: Double = 1, key: String? = nil, agent: String? = nil, ticket: String? = nil) -> Purchase {
        Purchase(id: id, createdAt: now.addingTimeInterval(-minutesAgo * 60), source: "api", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 USD",
                                      denomination: .value("10"), quantity: 1)],
                 paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: invoice, idempotencyKey: key, agent: agent, ticket: ticket)
    }

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var key: String?
        var keyOrigin = Placement.KeyOrigin.given
        var again = false
        var candidates: Placement.Candidates
        var expected: Placement
        var testDescription: String { name }
    }

    static let settled = purchase("settled", stage: .settled, invoice: "inv-1", key: "k1")
    static let following = purchase("following", stage: .created, invoice: "inv-2")
    static let refused = purchase("refused", stage: .refused, invoice: nil, key: "k3")
    static let alicesTicket = purchase("alices", stage: .created, invoice: "inv-a", minutesAgo: 3, agent: "alice@desk2", ticket: "T-123")
    static let minesTicket = purchase("mine", stage: .created, invoice: "inv-m", minutesAgo: 3, agent: "me@desk", ticket: "T-123")

    static let rows: [Row] = [
        Row(name: "a new request is new", candidates: .init(), expected: .new),
        Row(name: "a known key returns its settled purchase, never a new one", key: "k1",
            candidates: .init(keyed: (settled, "hash"), recent: settled), expected: .existing(settled)),
        Row(name: "a known key returns its refused purchase as it ended", key: "k3",
            candidates: .init(keyed: (refused, "hash")), expected: .existing(refused)),
        Row(name: "a known key with --again still returns its purchase", key: "k1", again: true,
            candidates: .init(keyed: (settled, "hash")), expected: .existing(settled)),
        Row(name: "a key used for another request is refused", key: "k1",
            candidates: .init(keyed: (settled, "other-hash")), expected: .refused(.keyReused(key: "k1", purchase: settled))),
        Row(name: "a new key is a new purchase even after an identical one", key: "k9",
            candidates: .init(unfinished: following, recent: settled), expected: .new),
        Row(name: "without a key an unfinished identical purchase is continued",
            candidates: .init(unfinished: following, recent: following), expected: .existing(following)),
        Row(name: "without a key an identical purchase settled minutes ago is refused",
            candidates: .init(recent: settled), expected: .refused(.identicalRecently(purchase: settled, minutesAgo: 1))),
        Row(name: "--again buys an identical purchase on purpose", again: true, candidates: .init(recent: settled), expected: .new),
        Row(name: "a ticket another agent has in flight is refused, naming them",
            candidates: .init(ticketInFlight: [alicesTicket]), expected: .refused(.ticketInFlight(purchase: alicesTicket, minutesAgo: 3))),
        Row(name: "a new key does not buy over a colleague's ticket", key: "k9",
            candidates: .init(ticketInFlight: [alicesTicket]), expected: .refused(.ticketInFlight(purchase: alicesTicket, minutesAgo: 3))),
        Row(name: "the agent's own ticket in flight is their own work", candidates: .init(ticketInFlight: [minesTicket]), expected: .new),
        Row(name: "--again buys over a colleague's ticket", again: true, candidates: .init(ticketInFlight: [alicesTicket]), expected: .new),
        Row(name: "a known key returns its purchase whoever holds the ticket", key: "k1",
            candidates: .init(keyed: (settled, "hash"), ticketInFlight: [alicesTicket]), expected: .existing(settled)),
        Row(name: "a generated key returns the purchase its confirmation made", key: "k3", keyOrigin: .generated,
            candidates: .init(keyed: (refused, "hash")), expected: .existing(refused)),
        Row(name: "a new generated key still asks about an identical purchase moments ago", key: "k9", keyOrigin: .generated,
            candidates: .init(recent: settled), expected: .refused(.identicalRecently(purchase: settled, minutesAgo: 1))),
        Row(name: "a new generated key buys again when asked to", key: "k9", keyOrigin: .generated, again: true,
            candidates: .init(recent: settled), expected: .new),
        Row(name: "a new generated key does not buy over a colleague's ticket", key: "k9", keyOrigin: .generated,
            candidates: .init(ticketInFlight: [alicesTicket]), expected: .refused(.ticketInFlight(purchase: alicesTicket, minutesAgo: 3))),
    ]

    @Test(arguments: rows)
    func placementFollowsTheNeverBuyTwiceRules(row: Row) {
        let decided = Placement.decide(requestHash: "hash", key: row.key, keyOrigin: row.keyOrigin, again: row.again, agent: "me@desk",
                                       candidates: row.candidates, now: Self.now)
        #expect(decided == row.expected)
    }

    @Test func theRefusalNamesTheInvoiceAndTheWayToBuyAgain() {
        let refusal = PlacementRefusal.identicalRecently(purchase: Self.settled, minutesAgo: 3)
        #expect(refusal.message.contains("inv-1"))
        #expect(refusal.message.contains("--again"))
        #expect(refusal.message.contains("3 min ago"))
        #expect(!refusal.summary.contains("--again"), "the TUI asks instead of naming a flag")
    }

    @Test func theTicketRefusalNamesWhoIsBuyingAndTheWayToBuyAnyway() {
        let refusal = PlacementRefusal.ticketInFlight(purchase: Self.alicesTicket, minutesAgo: 3)
        #expect(refusal.message == "alice@desk2 is already buying for ticket T-123 (purchase alices, 3 min ago); --again to buy anyway.")
        #expect(refusal.summary == "alice@desk2 is already buying for ticket T-123 (purchase alices, 3 min ago); nothing was bought now.")
    }

    @Test func theJournalFindsAPurchaseByItsKeyOnAnyAPIAndRefusesASecondUseOfIt() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(Self.settled, requestHash: "hash", at: Self.now)
        #expect(try journal.purchase(idempotencyKey: "k1")?.id == "settled")
        #expect(try journal.requestHash(of: "settled") == "hash")
        var twin = Self.purchase("twin", stage: .intent, key: "k1")
        twin.source = "elsewhere"
        #expect(throws: UserDatabaseError.self, "one key names one purchase") { try journal.recordIntent(twin, requestHash: "hash", at: Self.now) }
    }

    @Test func onlyPurchasesTouchedWithinTheWindowCountAsRecent() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(Self.purchase("old", stage: .settled, minutesAgo: 30), requestHash: "h", at: Self.now.addingTimeInterval(-30 * 60))
        let since = Self.now.addingTimeInterval(-Placement.repeatWindow)
        let body = try CheckoutRequest(repeating: Self.purchase("any", stage: .settled, minutesAgo: 0)).bodyFingerprint()
        #expect(try journal.recentPurchase(source: "api", bodyHash: body, ticket: nil, stages: [.settled], since: since) == nil)
        try journal.recordIntent(Self.purchase("fresh", stage: .settled, minutesAgo: 2), requestHash: "h", at: Self.now.addingTimeInterval(-60))
        #expect(try journal.recentPurchase(source: "api", bodyHash: body, ticket: nil, stages: [.settled], since: since)?.id == "fresh")
    }
}
