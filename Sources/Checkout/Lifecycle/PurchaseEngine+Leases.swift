import Foundation
import StorefrontDomain

/// How the engine holds the lease of the purchase it works: taken (or shared with its other work on the purchase),
/// renewed in the background, released at the end; and what it says when another host holds or took it.
extension PurchaseEngine {
    /// Runs `body` holding the lease on purchase `id`; nil, running nothing, when another host holds it.
    func leased<T>(_ id: String, _ body: (PurchaseLease) async throws(CheckoutError) -> T) async throws(CheckoutError) -> T? {
        if let joined = await leases.enter(id) { return try await within(joined, body) }
        let taken: PurchaseLease?
        do {
            taken = try await journal.takeLease(of: id, holder: leaseTerms.holder, for: leaseTerms.length)
        } catch {
            leases.settle(id, holding: nil, renewer: nil)
            throw CheckoutError("The purchase journal could not be used (\(error)), so nothing more was sent. Check the data directory's disk space and permissions (or the team database).",
                                journalFailure: .beforeSending)
        }
        guard let taken else {
            leases.settle(id, holding: nil, renewer: nil)
            return nil
        }
        leases.settle(id, holding: taken, renewer: renewer(for: taken))
        return try await within(taken, body)
    }

    /// Runs `body` holding a lease just taken with the purchase's intent.
    func holding<T>(newlyTaken lease: PurchaseLease, _ body: (PurchaseLease) async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        leases.hold(lease, renewer: renewer(for: lease))
        return try await within(lease, body)
    }

    private func within<T>(_ lease: PurchaseLease, _ body: (PurchaseLease) async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        let outcome: Result<T, CheckoutError>
        do throws(CheckoutError) {
            outcome = .success(try await body(lease))
        } catch {
            outcome = .failure(error)
        }
        // A release that fails leaves the lease to run out: another host takes the purchase up a little later.
        if let last = leases.leave(lease.purchaseId) { try? await journal.releaseLease(last) }
        return try outcome.get()
    }

    private func renewer(for lease: PurchaseLease) -> Task<Void, Never> {
        let (journal, terms, leases) = (journal, leaseTerms, leases)
        return Task { await Self.renew(lease, journal: journal, terms: terms, leases: leases) }
    }

    /// Renews every `renewEvery` until cancelled (the work ended) or the lease is found taken over. A renewal that
    /// fails (the database is unreachable) is tried again at the next turn; should the lease run out meanwhile and
    /// another host take it, this engine's next write is refused by the fence.
    @inline(never)
    private static func renew(_ lease: PurchaseLease, journal: any PurchaseJournal, terms: LeaseTerms, leases: HeldLeases) async {
        while true {
            await terms.sleep(terms.renewEvery)
            if Task.isCancelled { return }
            do {
                if try await journal.renewLease(lease, for: terms.length) == nil {
                    leases.markLost(lease)
                    return
                }
            } catch {
                continue
            }
        }
    }

    /// Who holds purchase `id` now, for messages.
    private func holder(of id: String) async -> String {
        do {
            return try await journal.lease(of: id)?.holder ?? "another storefront"
        } catch {
            return "another storefront"
        }
    }

    private static func name(_ purchase: Purchase) -> String {
        purchase.invoiceId.map { "invoice \($0)" } ?? "purchase \(purchase.id)"
    }

    /// This host's lease ran out and another took the purchase: it stops, having written nothing over the other.
    func takenOver(_ purchase: Purchase) async -> CheckoutError {
        let holder = await holder(of: purchase.id)
        let name = Self.name(purchase)
        return CheckoutError("""
            \(holder) took over \(name) after this storefront's lease on it ran out (it was stopped, or cut off from the \
            journal, for over \(Int(leaseTerms.length)) s). This storefront stopped following it and wrote nothing over it; \
            it is finished there. `storefront invoice show \(purchase.invoiceId ?? purchase.id)` shows where it stands.
            """, takenOver: CheckoutError.TakenOver(purchaseId: purchase.id, holder: holder))
    }

    /// Another host works the purchase now, so this one did not do what was asked.
    func heldElsewhere(_ id: String, wanted: String) async -> CheckoutError {
        let purchase = try? await load(id)
        let holder = await holder(of: purchase?.id ?? id)
        let name = purchase.map(Self.name) ?? "purchase \(id)"
        return CheckoutError("""
            \(holder) is working \(name) right now, so this storefront did not \(wanted). It goes on there; \
            `storefront invoice watch \(purchase?.invoiceId ?? id)` shows it as it goes. Should that storefront stop, any \
            other takes the purchase up within \(Int(leaseTerms.length)) s.
            """)
    }

    /// Unfinished purchases on this API that no host works: never leased, released, or leased by a host that stopped
    /// renewing (killed, or cut off). `storefront resume` and the background check finish these.
    public func abandoned() async throws(CheckoutError) -> [Purchase] {
        try await journaled { () async throws(UserDatabaseError) -> [Purchase] in
            var free: [Purchase] = []
            for purchase in try await journal.unfinishedPurchases(source: source) {
                if try await journal.lease(of: purchase.id) == nil { free.append(purchase) }
            }
            return free
        }
    }
}
