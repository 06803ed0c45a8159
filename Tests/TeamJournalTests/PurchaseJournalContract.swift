import Checkout
import Foundation
import StorefrontDomain
import Synchronization
import Testing

/// What every `PurchaseJournal` does, whatever stores it. A store is opened once per test; `open` gives another
/// handle on the same store, as a second process or host would have, so what one writes the other sees.
struct PurchaseJournalContract: Sendable {
    let open: @Sendable () async throws -> any PurchaseJournal

    /// The hash of a purchase's body, as the engine asks the recent question with it.
    static func body(_ purchase: Purchase) throws -> String {
        try CheckoutRequest(repeating: purchase).bodyFingerprint()
    }

    static func purchase(_ id: String, at seconds: TimeInterval, source: String = "api#a", stage: PurchaseStage = .settled,
                         invoice: String? = nil, code: String? = nil, key: String? = nil, product: String = "Amazon DE",
                         agent: String = "tester@desk", ticket: String? = nil, claimsTicket: Bool = false) -> Purchase {
        Purchase(id: id, createdAt: Date(timeIntervalSince1970: seconds), source: source, kind: .invoice,
                 lines: [PurchaseLine(productId: "amazon-de", productName: product, faceValue: "50 EUR",
                                      denomination: .package(id: "amazon-de<&>50"), quantity: 1, phoneNumber: "+4915212345678")],
                 paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: invoice,
                 orders: code.map { [PurchaseOrder(id: "o-\(id)", status: .delivered, redemption: Redemption(code: $0))] } ?? [],
                 idempotencyKey: key, agent: agent, ticket: ticket, claimsTicket: claimsTicket)
    }

    /// A purchase with everything a journal must keep: orders with a code, PIN, link and secret extra field, a
    /// payment, a timeline, times with fractions of a second.
    static var everything: Purchase {
        var bought = purchase("p-full", at: 1_760_000_000.123456, stage: .created, invoice: "inv-full", key: "key-full")
        bought.email = "buyer@example.com"
        bought.refundAddress = "bc1qexample"
        bought.invoiceStatus = InvoiceStatus(rawValue: "payment_confirmed")
        bought.paymentStatus = PaymentStatus(rawValue: "paid")
        bought.payment = PaymentDue(address: "bc1qpay", amount: nil, expiryIsEstimate: true)
        bought.expiresAt = Date(timeIntervalSince1970: 1_760_000_900.5)
        bought.payRequestedAt = Date(timeIntervalSince1970: 1_760_000_001.25)
        bought.orders = [
            PurchaseOrder(id: "o-1", productId: "amazon-de", productName: "Amazon DE", value: "50", status: .delivered,
                          redemption: Redemption(code: "GIFT-1234-ABCD", link: "https://redeem.example/Q7XK2MNEW9", pin: "9876",
                                                 extraFields: ["voucher_password": "SECRET-XTR4"])),
            PurchaseOrder(id: "o-2", productId: "amazon-de", status: .pending),
        ]
        bought.timeline = [TimelineEntry(at: Date(timeIntervalSince1970: 1_760_000_000.5), .written),
                           TimelineEntry(at: Date(timeIntervalSince1970: 1_760_000_001.75), .created(invoiceId: "inv-full")),
                           TimelineEntry(at: Date(timeIntervalSince1970: 1_760_000_002), .redemptionSaved(orderId: "o-1"))]
        bought.problem = "the connection was lost"
        bought.buyerKey = "SHA256:abc"
        bought.agent = "alice@laptop (SHA256:abc)"
        bought.ticket = "T-123"
        bought.claimsTicket = true
        return bought
    }

    func intentThenSaveRoundTripsAPurchaseExactly() async throws {
        let journal = try await open()
        var bought = Self.everything
        let intent = Self.purchase(bought.id, at: bought.createdAt.timeIntervalSince1970, stage: .intent, key: bought.idempotencyKey,
                                   agent: "alice@laptop (SHA256:abc)", ticket: "T-123", claimsTicket: true)
        try await journal.recordIntent(intent, requestHash: "hash-1", takingCartLines: [], at: Date(timeIntervalSince1970: 10))
        #expect(try await journal.purchase(id: bought.id) == intent)
        try await journal.save(bought, at: Date(timeIntervalSince1970: 20))
        #expect(try await journal.purchase(id: bought.id) == bought)
        #expect(try await open().purchase(id: bought.id) == bought, "another host reads the same purchase")
        #expect(try await journal.requestHash(of: bought.id) == "hash-1", "saving keeps the request hash")
        bought.stage = .settled
        try await journal.save(bought, at: Date(timeIntervalSince1970: 30))
        #expect(try await journal.purchase(id: bought.id)?.stage == .settled)
        #expect(try await journal.purchase(id: "absent") == nil)
        #expect(try await journal.requestHash(of: "absent") == nil)
    }

    func savingAPurchaseNeverWrittenIsRefused() async throws {
        let journal = try await open()
        await #expect(throws: UserDatabaseError.self) {
            try await journal.save(Self.purchase("never", at: 1), at: .now)
        }
    }

    func lookupsByInvoiceAndKeyFindTheirPurchase() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("a1", at: 100, source: "api#a", invoice: "inv-1"), requestHash: "h", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("b1", at: 200, source: "api#b", invoice: "inv-1", key: "k-b1"),
                                       requestHash: "h", takingCartLines: [], at: .now)
        #expect(try await journal.purchase(invoiceId: "inv-1", source: "api#a")?.id == "a1")
        #expect(try await journal.purchase(invoiceId: "inv-1", source: "api#b")?.id == "b1")
        #expect(try await journal.purchase(invoiceId: "inv-1", source: "api#c") == nil)
        #expect(try await journal.newestPurchase(invoiceId: "inv-1")?.id == "b1")
        #expect(try await journal.newestPurchase(invoiceId: "inv-2") == nil)
        #expect(try await journal.purchase(idempotencyKey: "k-b1")?.id == "b1")
        #expect(try await journal.purchase(idempotencyKey: "k-none") == nil)
    }

    func anIdempotencyKeyNamesOnePurchaseOnly() async throws {
        let first = try await open()
        let second = try await open()
        try await first.recordIntent(Self.purchase("first", at: 100, stage: .intent, key: "same"), requestHash: "h", takingCartLines: [], at: .now)
        await #expect(throws: UserDatabaseError.self) {
            try await second.recordIntent(Self.purchase("second", at: 101, stage: .intent, key: "same"), requestHash: "h",
                                          takingCartLines: [], at: .now)
        }
        await #expect(throws: UserDatabaseError.self, "another API, same key") {
            try await second.recordIntent(Self.purchase("third", at: 102, source: "api#b", stage: .intent, key: "same"),
                                          requestHash: "h", takingCartLines: [], at: .now)
        }
        #expect(try await second.purchase(idempotencyKey: "same")?.id == "first")
        #expect(try await second.purchase(id: "second") == nil)
    }

    func openAndRecentPurchasesMatchSourceRequestAndStage() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("old", at: 100, stage: .created, invoice: "i1"), requestHash: "h",
                                       takingCartLines: [], at: Date(timeIntervalSince1970: 1000))
        try await journal.recordIntent(Self.purchase("new", at: 200, stage: .created, invoice: "i2"), requestHash: "h",
                                       takingCartLines: [], at: Date(timeIntervalSince1970: 500))
        try await journal.recordIntent(Self.purchase("done", at: 300, stage: .settled, invoice: "i3"), requestHash: "h",
                                       takingCartLines: [], at: Date(timeIntervalSince1970: 2000))
        var other = Self.purchase("other", at: 400, stage: .created, invoice: "i4")
        other.lines[0].quantity = 2
        try await journal.recordIntent(other, requestHash: "other", takingCartLines: [], at: Date(timeIntervalSince1970: 3000))
        try await journal.recordIntent(Self.purchase("elsewhere", at: 500, source: "api#b", stage: .created, invoice: "i5"),
                                       requestHash: "h", takingCartLines: [], at: Date(timeIntervalSince1970: 3000))
        #expect(try await journal.openPurchase(source: "api#a", requestHash: "h", stages: [.created])?.id == "new", "newest created")
        #expect(try await journal.openPurchase(source: "api#a", requestHash: "h", stages: [.settled, .created])?.id == "done")
        #expect(try await journal.openPurchase(source: "api#a", requestHash: "h", stages: [.intent]) == nil)
        #expect(try await journal.openPurchase(source: "api#c", requestHash: "h", stages: [.created]) == nil)
        // Recent goes by the body and by when the entry was written, newest write first.
        let body = try Self.body(Self.purchase("any", at: 0))
        #expect(try await journal.recentPurchase(source: "api#a", bodyHash: body, ticket: nil, stages: [.created],
                                                 since: Date(timeIntervalSince1970: 400))?.id == "old")
        #expect(try await journal.recentPurchase(source: "api#a", bodyHash: body, ticket: nil, stages: [.created],
                                                 since: Date(timeIntervalSince1970: 1001)) == nil)
        #expect(try await journal.recentPurchase(source: "api#a", bodyHash: body, ticket: nil, stages: [.created, .settled],
                                                 since: Date(timeIntervalSince1970: 400))?.id == "done")
    }

    func unfinishedPurchasesAreThoseStillMovingOldestFirst() async throws {
        let journal = try await open()
        let stages: [(String, PurchaseStage, TimeInterval)] = [("c", .created, 300), ("a", .intent, 100), ("s", .settled, 50),
                                                               ("b", .ambiguous, 200), ("n", .notCreated, 10), ("x", .sending, 400)]
        for (id, stage, at) in stages {
            try await journal.recordIntent(Self.purchase(id, at: at, stage: stage, invoice: stage == .created ? "inv-\(id)" : nil),
                                           requestHash: id, takingCartLines: [], at: .now)
        }
        try await journal.recordIntent(Self.purchase("other-api", at: 1, source: "api#b", stage: .intent), requestHash: "o",
                                       takingCartLines: [], at: .now)
        #expect(try await journal.unfinishedPurchases(source: "api#a").map(\.id) == ["a", "b", "c", "x"])
        #expect(try await journal.unfinishedPurchases(source: "api#b").map(\.id) == ["other-api"])
    }

    func knownInvoiceIdsAreThoseOfTheSource() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("a", at: 1, invoice: "inv-a"), requestHash: "a", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("b", at: 2, invoice: "inv-b"), requestHash: "b", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("c", at: 3, stage: .intent), requestHash: "c", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("d", at: 4, source: "api#b", invoice: "inv-d"), requestHash: "d",
                                       takingCartLines: [], at: .now)
        #expect(try await journal.knownInvoiceIds(source: "api#a") == ["inv-a", "inv-b"])
        #expect(try await journal.knownInvoiceIds(source: "api#z") == [])
    }

    func historyListsUnfinishedFirstThenNewestFirstAndFilters() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("old", at: 100, invoice: "inv-77"), requestHash: "a", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("new", at: 300, invoice: "inv-88", product: "Steam 50%"), requestHash: "b",
                                       takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("pending", at: 200, stage: .created, invoice: "inv-p"), requestHash: "c",
                                       takingCartLines: [], at: .now)
        #expect(try await journal.purchases(matching: "", limit: 500).map(\.id) == ["pending", "new", "old"])
        #expect(try await journal.purchases(matching: "", limit: 2).map(\.id) == ["pending", "new"])
        #expect(try await journal.purchases(matching: "inv-88", limit: 500).map(\.id) == ["new"])
        #expect(try await journal.purchases(matching: "AMAZON inv-77", limit: 500).map(\.id) == ["old"], "every word, any case")
        #expect(try await journal.purchases(matching: "+49152", limit: 500).count == 3)
        #expect(try await journal.purchases(matching: "50%", limit: 500).map(\.id) == ["new"], "LIKE wildcards are taken literally")
        #expect(try await journal.purchases(matching: "5_", limit: 500).isEmpty)
    }

    /// An identical purchase another agent made on another host is found as recent, naming who bought it: the rule
    /// against buying twice spans the desk.
    func aRecentIdenticalPurchaseByAnotherAgentNamesThem() async throws {
        let alices = try await open()
        try await alices.recordIntent(Self.purchase("alices", at: 100, stage: .settled, invoice: "inv-a", agent: "alice@desk2"),
                                      requestHash: "same", takingCartLines: [], at: Date(timeIntervalSince1970: 1000))
        let recent = try await open().recentPurchase(source: "api#a", bodyHash: try Self.body(Self.purchase("mine", at: 0)), ticket: nil,
                                                     stages: PurchaseStage.bought, since: Date(timeIntervalSince1970: 900))
        #expect(recent?.id == "alices")
        #expect(recent?.agent == "alice@desk2")
        let placement = Placement.decide(requestHash: "same", key: nil, again: false, candidates: .init(recent: recent),
                                         now: Date(timeIntervalSince1970: 100 + 12 * 60))
        guard case .refused(let refusal) = placement else { Issue.record("not refused: \(placement)"); return }
        #expect(refusal.message.hasPrefix("alice@desk2 bought the same 12 min ago"), "\(refusal.message)")
        #expect(refusal.message.contains("--again to buy again"), "\(refusal.message)")
    }

    /// The same card bought for a ticket and asked for again without one (or for a ticket after one bought without)
    /// is most likely one customer served twice, so it counts as recent; bought for another customer's ticket, not.
    func aRecentPurchaseOfTheSameCardCountsWhicheverTicketUnlessTheTicketsDiffer() async throws {
        let alices = try await open()
        let bobs = try await open()
        let body = try Self.body(Self.purchase("any", at: 0))
        let since = Date(timeIntervalSince1970: 900)
        try await alices.recordIntent(Self.purchase("for-t200", at: 100, stage: .settled, invoice: "inv-a", agent: "alice@desk1", ticket: "T-200"),
                                      requestHash: "with-ticket", takingCartLines: [], at: Date(timeIntervalSince1970: 1000))
        #expect(try await bobs.recentPurchase(source: "api#a", bodyHash: body, ticket: nil, stages: PurchaseStage.bought, since: since)?.id
                == "for-t200", "no ticket given: the same card for any ticket")
        #expect(try await bobs.recentPurchase(source: "api#a", bodyHash: body, ticket: "T-200", stages: PurchaseStage.bought, since: since)?.id
                == "for-t200")
        #expect(try await bobs.recentPurchase(source: "api#a", bodyHash: body, ticket: "T-201", stages: PurchaseStage.bought, since: since)
                == nil, "another customer's ticket")
        try await alices.recordIntent(Self.purchase("no-ticket", at: 200, stage: .settled, invoice: "inv-b", agent: "alice@desk1"),
                                      requestHash: "without", takingCartLines: [], at: Date(timeIntervalSince1970: 1100))
        #expect(try await bobs.recentPurchase(source: "api#a", bodyHash: body, ticket: "T-201", stages: PurchaseStage.bought, since: since)?.id
                == "no-ticket", "bought without a ticket: it may have been for this one")
    }

    /// A journal that answers a placement's questions its own way (a team database, all in one round trip) answers
    /// what asking them one by one would: the key's purchase with its request hash, else an unfinished identical one,
    /// else the ticket's purchases in flight newest first and a recent purchase of the same card, and nothing of
    /// what the request does not ask.
    func placementCandidatesAnswerAsAskingOneByOne() async throws {
        let journal = try await open()
        let now = Date(timeIntervalSince1970: 2000)
        func request(key: String? = nil, ticket: String? = nil, again: Bool = false, origin: Placement.KeyOrigin = .given) -> CheckoutRequest {
            var request = CheckoutRequest(repeating: Self.purchase("req", at: 0))
            request.idempotencyKey = key
            request.keyOrigin = origin
            request.ticket = ticket
            request.again = again
            return request
        }
        func hash(_ purchase: Purchase) throws -> String { try CheckoutRequest(repeating: purchase).fingerprint() }
        func expectSame(_ request: CheckoutRequest, _ comment: Comment) async throws -> Placement.Candidates {
            let questions = try PlacementQuestions(request, source: "api#a", continuingUnfinished: true)
            let answered = try await journal.placementCandidates(questions, now: now)
            #expect(answered == (try await questions.ask(journal, now: now)), comment)
            return answered
        }

        #expect(try await expectSame(request(key: "k-1", ticket: "T-1"), "an empty journal") == Placement.Candidates())

        let bought = Self.purchase("bought", at: 1900, stage: .settled, invoice: "inv-1", agent: "alice@desk1")
        try await journal.recordIntent(bought, requestHash: try hash(bought), takingCartLines: [], at: Date(timeIntervalSince1970: 1950))
        let inFlight = [Self.purchase("t-old", at: 1800, stage: .created, invoice: "inv-2", product: "Other", agent: "bob@desk2", ticket: "T-1"),
                        Self.purchase("t-new", at: 1850, stage: .intent, product: "Another", agent: "carol@desk3", ticket: "T-1")]
        for var purchase in inFlight {
            purchase.lines[0].productId = "other-card-\(purchase.id)"
            try await journal.recordIntent(purchase, requestHash: try hash(purchase), takingCartLines: [], at: purchase.createdAt)
        }
        let plain = try await expectSame(request(ticket: "T-1"), "a ticket in flight and a recent purchase")
        #expect(plain.recent?.id == "bought" && plain.ticketInFlight.map(\.id) == ["t-new", "t-old"] && plain.keyed == nil)
        let again = try await expectSame(request(ticket: "T-1", again: true), "--again")
        #expect(again.recent == nil && again.ticketInFlight.count == 2)
        let given = try await expectSame(request(key: "k-2"), "a new key the caller gave")
        #expect(given == Placement.Candidates())
        let generated = try await expectSame(request(key: "k-3", origin: .generated), "a new key the program made")
        #expect(generated.recent?.id == "bought")

        let keyed = Self.purchase("keyed", at: 1960, stage: .created, invoice: "inv-3", key: "k-4", product: "Keyed")
        try await journal.recordIntent(keyed, requestHash: "hash-of-k4", takingCartLines: [], at: keyed.createdAt)
        let byKey = try await expectSame(request(key: "k-4", ticket: "T-1"), "the key's purchase")
        #expect(byKey.keyed?.purchase.id == "keyed" && byKey.keyed?.requestHash == "hash-of-k4" && byKey.recent == nil)

        let open = Self.purchase("open", at: 1970, stage: .created, invoice: "inv-4")
        try await journal.recordIntent(open, requestHash: try hash(open), takingCartLines: [], at: open.createdAt)
        let unfinished = try await expectSame(request(), "an identical purchase unfinished")
        #expect(unfinished.unfinished?.id == "open" && unfinished.recent == nil)
    }

    /// At most one unfinished purchase holds the claim on a ticket, whichever host writes it: a second claim is refused
    /// by the journal itself, so two hosts racing for one ticket cannot both place. A purchase that does not claim
    /// (the same agent's second, or one bought with --again) is written, and a finished claim frees the ticket.
    func oneUnfinishedPurchaseClaimsATicket() async throws {
        let alices = try await open()
        let bobs = try await open()
        var first = Self.purchase("alice-1", at: 100, stage: .intent, agent: "alice@desk2", ticket: "T-1", claimsTicket: true)
        try await alices.recordIntent(first, requestHash: "a", takingCartLines: [], at: .now)
        await #expect(throws: UserDatabaseError.self, "bob's claim while alice's is in flight") {
            try await bobs.recordIntent(Self.purchase("bob-1", at: 101, stage: .intent, agent: "bob@desk3", ticket: "T-1", claimsTicket: true),
                                        requestHash: "b", takingCartLines: [], at: .now)
        }
        try await alices.recordIntent(Self.purchase("alice-2", at: 102, stage: .intent, agent: "alice@desk2", ticket: "T-1"),
                                      requestHash: "a2", takingCartLines: [], at: .now)
        try await bobs.recordIntent(Self.purchase("bob-other", at: 103, stage: .intent, agent: "bob@desk3", ticket: "T-2", claimsTicket: true),
                                    requestHash: "b2", takingCartLines: [], at: .now)
        first.stage = .settled
        try await alices.save(first, at: .now)
        try await bobs.recordIntent(Self.purchase("bob-1", at: 104, stage: .intent, agent: "bob@desk3", ticket: "T-1", claimsTicket: true),
                                    requestHash: "b", takingCartLines: [], at: .now)
        #expect(try await alices.purchase(id: "bob-1")?.claimsTicket == true)
    }

    /// The history's filter: by agent, by ticket, in flight only, with the search words, on every backend.
    func historyFiltersByAgentTicketAndStage() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("a-done", at: 100, invoice: "inv-1", agent: "alice@desk2", ticket: "T-1"),
                                       requestHash: "1", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("b-done", at: 200, invoice: "inv-2", agent: "bob@desk3", ticket: "T-1"),
                                       requestHash: "2", takingCartLines: [], at: .now)
        try await journal.recordIntent(Self.purchase("a-open", at: 300, stage: .intent, agent: "alice@desk2", ticket: "T-2"),
                                       requestHash: "3", takingCartLines: [], at: .now)
        #expect(try await journal.purchases(matching: PurchaseFilter(agent: "alice@desk2"), limit: 500).map(\.id) == ["a-open", "a-done"])
        #expect(try await journal.purchases(matching: PurchaseFilter(agent: "carol@desk4"), limit: 500).isEmpty)
        #expect(try await journal.purchases(matching: PurchaseFilter(ticket: "T-1"), limit: 500).map(\.id) == ["b-done", "a-done"])
        #expect(try await journal.purchases(matching: PurchaseFilter(ticket: "T-1", unfinishedOnly: true), limit: 500).isEmpty)
        #expect(try await journal.purchases(matching: PurchaseFilter(ticket: "T-2", unfinishedOnly: true), limit: 500).map(\.id) == ["a-open"])
        #expect(try await journal.purchases(matching: PurchaseFilter(search: "inv-2", agent: "alice@desk2"), limit: 500).isEmpty)
        #expect(try await journal.purchases(matching: PurchaseFilter(search: "inv-2", agent: "bob@desk3"), limit: 500).map(\.id) == ["b-done"])
    }

    /// A placement reads and writes through its journal while it holds the turn, a refused write inside it leaves the
    /// journal usable, and what it wrote is there for everyone once it is done.
    func aPlacementWritesThroughItsJournal() async throws {
        let journal = try await open()
        try await journal.recordIntent(Self.purchase("taken", at: 1, stage: .intent, key: "taken"), requestHash: "t", takingCartLines: [], at: .now)
        let found = try await journal.placing(waiting: {}) { () async throws(CheckoutError) -> String? in
            do {
                let intent = Self.purchase("placed", at: 2, stage: .intent, key: "placed")
                try await journal.recordIntent(intent, requestHash: "p", takingCartLines: [], at: .now)
                var refused = false
                do {
                    try await journal.recordIntent(Self.purchase("again", at: 3, stage: .intent, key: "taken"), requestHash: "t",
                                                   takingCartLines: [], at: .now)
                } catch {
                    refused = true
                }
                var created = intent
                created.stage = .created
                created.invoiceId = "inv-placed"
                try await journal.save(created, at: .now)
                return refused ? try await journal.purchase(idempotencyKey: "placed")?.invoiceId : nil
            } catch {
                throw CheckoutError("\(error)")
            }
        }
        #expect(found == "inv-placed")
        #expect(try await open().purchase(id: "placed")?.stage == .created)
        #expect(try await open().purchase(id: "again") == nil)
    }

    /// Two placements at once, from two handles on the store: the second waits (and says so) until the first is done.
    /// The first holds its turn until the second is seen waiting, or (were the turns broken) has started, so the test
    /// needs no clock: a broken journal shows two bodies at once, a sound one shows `waiting` and one at a time.
    func placementsTakeTurns() async throws {
        let first = try await open()
        let second = try await open()
        let inside = Occupancy()
        let secondWaited = Gate()
        let gate = Gate()
        let entered = Gate()
        async let one: Int = first.placing(waiting: {}) { () async throws(CheckoutError) -> Int in
            inside.enter()
            entered.open()
            await gate.passed()
            inside.leave()
            return 1
        }
        await entered.passed()
        async let two: Int = second.placing(waiting: { secondWaited.open(); gate.open() }) { () async throws(CheckoutError) -> Int in
            gate.open()
            inside.enter()
            inside.leave()
            return 2
        }
        let results = try await [one, two]
        #expect(results == [1, 2])
        #expect(inside.most == 1, "two placements ran at once")
        #expect(secondWaited.isOpen, "the second placement said it was waiting")
    }
}

/// How many placement bodies run at once, and the most that ever did.
final class Occupancy: Sendable {
    private let count = Mutex((now: 0, most: 0))
    func enter() { count.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
    func leave() { count.withLock { $0.now -= 1 } }
    var most: Int { count.withLock { $0.most } }
}

/// A one-shot latch: `passed()` returns once `open()` was called, before or after.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    var isOpen: Bool { state.withLock { $0.open } }

    func passed() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if now { continuation.resume() }
        }
    }
}
