import Foundation
import StorefrontDomain

/// Where purchases are written: every intent before its create is sent, every answer as it arrives, every
/// delivered code the moment it is seen. The purchase engine knows only this; the embedded SQLite journal
/// (`UserDatabase`) is the default, and a team's shared database is another. One contract suite
/// (`PurchaseJournalContract` in the tests) holds every implementation to the same behaviour.
public protocol PurchaseJournal: Sendable {
    /// Runs one placement (reading its candidates, writing the intent, sending the create, writing the answer)
    /// with no other placement on this journal in between, across processes; `waiting` is called once if
    /// another placement holds it.
    func placing<T: Sendable>(waiting: @Sendable () -> Void,
                              _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T

    /// Writes a new intent, holding the saved cart's lines it is made from, in one transaction; with a `holder`, leased
    /// to it for `length` seconds in the same transaction, so no other host can take the purchase up between its
    /// intent and its create. Returns the lease (nil without a holder).
    func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date,
                      leasedTo holder: String?, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease?
    /// Replaces what the journal knows of a purchase (its request hash is kept).
    func save(_ purchase: Purchase, at now: Date) async throws(UserDatabaseError)
    /// Holds the saved cart's lines `lineIDs` for purchase `purchaseId`, which the journal already has: a request that
    /// continues a purchase (its key's, or an identical one unfinished) is made from those lines as much as a new
    /// intent is, and a restart must not offer them again while that purchase may still become an invoice. A line
    /// another purchase holds stays its; the purchase's later states settle them as they settle an intent's.
    func holdCartLines(_ lineIDs: [String], for purchaseId: String) async throws(UserDatabaseError)

    func purchase(id: String) async throws(UserDatabaseError) -> Purchase?
    /// The purchase that became invoice `invoiceId` on `source`.
    func purchase(invoiceId: String, source: String) async throws(UserDatabaseError) -> Purchase?
    /// The newest purchase that became invoice `invoiceId` on any API.
    func newestPurchase(invoiceId: String) async throws(UserDatabaseError) -> Purchase?
    /// The purchase made with idempotency key `key`, on any API.
    func purchase(idempotencyKey key: String) async throws(UserDatabaseError) -> Purchase?
    func requestHash(of id: String) async throws(UserDatabaseError) -> String?
    /// The newest purchase of the same request on `source` in one of `stages`.
    func openPurchase(source: String, requestHash: String, stages: [PurchaseStage]) async throws(UserDatabaseError) -> Purchase?
    /// The newest purchase of the same body (`CheckoutRequest.bodyFingerprint`) on `source` in one of `stages` written
    /// since `since`, made for `ticket` or for no ticket; with no `ticket`, for any ticket or none.
    func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                        since: Date) async throws(UserDatabaseError) -> Purchase?
    /// What bears on a placement: the answers to `questions`, as `PlacementQuestions.ask` would get them one by one.
    /// A journal across a network answers them all in one round trip, inside the placement's turn.
    func placementCandidates(_ questions: PlacementQuestions, now: Date) async throws(UserDatabaseError) -> Placement.Candidates
    /// Purchases on `source` not finished, oldest first: what is resumed at start.
    func unfinishedPurchases(source: String) async throws(UserDatabaseError) -> [Purchase]
    /// Invoice ids on `source` that a purchase here already became.
    func knownInvoiceIds(source: String) async throws(UserDatabaseError) -> Set<String>
    /// The history: unfinished first, then newest first, as `filter` asks (search words, agent, ticket, in flight).
    func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase]

    /// Whether this host may write purchases here, and so hold their leases and finish them: false for a lookup
    /// agent's team journal, whose database role only reads. Such a storefront never takes a purchase up.
    var writesPurchases: Bool { get }

    // MARK: Leases

    /// Takes the lease on purchase `id` for `length` seconds of the journal's clock, raising its epoch: only when
    /// no one holds it, or its holder let it run out. nil: someone else holds it (or there is no such purchase).
    func takeLease(of id: String, holder: String, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease?
    /// Extends a lease still held to `length` seconds from now; nil: it was taken over (its epoch is gone).
    func renewLease(_ lease: PurchaseLease, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease?
    /// Frees a lease still held, for any host to take; a lease already taken over is left to its new holder.
    func releaseLease(_ lease: PurchaseLease) async throws(UserDatabaseError)
    /// The lease someone holds on purchase `id` now; nil when it is free or ran out.
    func lease(of id: String) async throws(UserDatabaseError) -> PurchaseLease?
    /// Replaces what the journal knows of a purchase, only while `lease` is the purchase's lease (`WHERE id = … AND
    /// lease_epoch = …`), waiting for the disk as `durability` asks. false: another host took the purchase over, and
    /// nothing was written.
    func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
              durability: WriteDurability) async throws(UserDatabaseError) -> Bool
}

extension PurchaseJournal {
    /// A journal of this host's own (the data directory's) is always written.
    public var writesPurchases: Bool { true }

    /// A journal in this process answers one question at a time: each is a function call.
    public func placementCandidates(_ questions: PlacementQuestions, now: Date) async throws(UserDatabaseError) -> Placement.Candidates {
        try await questions.ask(self, now: now)
    }

    /// A fenced write that waits for the disk, as every write did before `WriteDurability`.
    public func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease) async throws(UserDatabaseError) -> Bool {
        try await save(purchase, at: now, fencedBy: lease, durability: .beforeSending)
    }

    /// Writes a new intent that no one holds yet.
    public func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String],
                             at now: Date) async throws(UserDatabaseError) {
        _ = try await recordIntent(purchase, requestHash: requestHash, takingCartLines: lineIDs, at: now, leasedTo: nil, for: 0)
    }
}

extension UserDatabase: PurchaseJournal {
    public func placing<T: Sendable>(waiting: @Sendable () -> Void,
                                     _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        try await PlacementLock(journalPath: writer.path).holding(waiting: waiting, body)
    }
}
