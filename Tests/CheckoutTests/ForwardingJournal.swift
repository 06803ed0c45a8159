import Checkout
import Foundation
import StorefrontDomain

/// An embedded journal seen through the journal seam, for tests that change or watch one of its answers: a
/// subclass overrides that one and leaves the rest to the database.
class ForwardingJournal: PurchaseJournal, @unchecked Sendable {
    let base: UserDatabase

    init(_ base: UserDatabase) { self.base = base }

    func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        try base.purchases(matching: filter, limit: limit)
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
    func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
              durability: WriteDurability) async throws(UserDatabaseError) -> Bool {
        try base.save(purchase, at: now, fencedBy: lease, durability: durability)
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
    func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                        since: Date) async throws(UserDatabaseError) -> Purchase? {
        try base.recentPurchase(source: source, bodyHash: bodyHash, ticket: ticket, stages: stages, since: since)
    }
    func unfinishedPurchases(source: String) async throws(UserDatabaseError) -> [Purchase] { try base.unfinishedPurchases(source: source) }
    func knownInvoiceIds(source: String) async throws(UserDatabaseError) -> Set<String> { try base.knownInvoiceIds(source: source) }
}
