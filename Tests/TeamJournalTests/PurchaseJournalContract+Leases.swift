import Checkout
import Foundation
import StorefrontDomain
import Testing

/// Leases, the same on every journal: one host works a purchase at a time, a host that stops renewing loses it, and
/// a host whose lease was taken over writes nothing. A lease of length 0 has run out by the journal's next
/// statement, so no case waits for a clock.
extension PurchaseJournalContract {
    func aLeaseIsTakenOnlyWhenFreeOrRunOutAndEachTakeRaisesTheEpoch() async throws {
        let alice = try await open()
        let bob = try await open()
        try await alice.recordIntent(Self.purchase("p", at: 1, stage: .created, invoice: "inv-p"), requestHash: "h", takingCartLines: [], at: .now)
        #expect(try await alice.lease(of: "p") == nil, "a new purchase is free")
        let first = try #require(try await alice.takeLease(of: "p", holder: "alice@desk1", for: 30))
        #expect(first.holder == "alice@desk1")
        #expect(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30) == nil, "held and live: not taken")
        #expect(try await bob.lease(of: "p")?.holder == "alice@desk1", "bob sees who holds it")
        try await alice.releaseLease(first)
        #expect(try await bob.lease(of: "p") == nil, "released: free")
        let second = try #require(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 0))
        #expect(second.epoch > first.epoch)
        #expect(try await alice.lease(of: "p") == nil, "a lease that ran out is free")
        let third = try #require(try await alice.takeLease(of: "p", holder: "alice@desk1", for: 30), "run out: taken over")
        #expect(third.epoch > second.epoch)
        #expect(try await alice.takeLease(of: "absent", holder: "alice@desk1", for: 30) == nil)
    }

    func renewingKeepsALeaseUntilItIsTakenOverAndReleasingAnOldOneFreesNothing() async throws {
        let alice = try await open()
        let bob = try await open()
        try await alice.recordIntent(Self.purchase("p", at: 1, stage: .created, invoice: "inv-p"), requestHash: "h", takingCartLines: [], at: .now)
        let short = try #require(try await alice.takeLease(of: "p", holder: "alice@desk1", for: 0))
        let renewed = try #require(try await alice.renewLease(short, for: 30), "run out but not taken: still alice's")
        #expect(renewed.epoch == short.epoch)
        #expect(renewed.until > short.until)
        #expect(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30) == nil, "renewed: live again")
        let lapsed = try #require(try await alice.renewLease(renewed, for: 0))
        let bobs = try #require(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30))
        #expect(try await alice.renewLease(lapsed, for: 30) == nil, "taken over: alice's renewal fails")
        try await alice.releaseLease(lapsed)
        #expect(try await alice.lease(of: "p") == bobs, "alice's release leaves bob's lease alone")
    }

    func aWriteFencedByATakenOverLeaseWritesNothing() async throws {
        let alice = try await open()
        let bob = try await open()
        var purchase = Self.purchase("p", at: 1, stage: .created, invoice: "inv-p")
        try await alice.recordIntent(purchase, requestHash: "h", takingCartLines: [], at: .now)
        let lapsed = try #require(try await alice.takeLease(of: "p", holder: "alice@desk1", for: 0))
        purchase.problem = "alice's look"
        #expect(try await alice.save(purchase, at: .now, fencedBy: lapsed), "run out but not taken: alice may still write")
        let bobs = try #require(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30))
        purchase.problem = "alice after the takeover"
        #expect(try await alice.save(purchase, at: .now, fencedBy: lapsed) == false)
        #expect(try await bob.purchase(id: "p")?.problem == "alice's look", "nothing written over bob")
        purchase.problem = "bob's look"
        #expect(try await bob.save(purchase, at: .now, fencedBy: bobs))
        #expect(try await alice.purchase(id: "p")?.problem == "bob's look")
        #expect(try await bob.lease(of: "p") == bobs, "a save keeps the lease")
    }

    func aRecoverableWriteIsSeenAtOnceAndFencedLikeAnyOther() async throws {
        let alice = try await open()
        let bob = try await open()
        var purchase = Self.purchase("p", at: 1, stage: .created, invoice: "inv-p")
        let alices = try #require(try await alice.recordIntent(purchase, requestHash: "h", takingCartLines: [], at: .now,
                                                                leasedTo: "alice@desk1", for: 0))
        purchase.problem = "alice's look"
        #expect(try await alice.save(purchase, at: .now, fencedBy: alices, durability: .recoverable))
        #expect(try await bob.purchase(id: "p")?.problem == "alice's look", "committed: another host reads it at once")
        _ = try #require(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30))
        purchase.problem = "alice after the takeover"
        #expect(try await alice.save(purchase, at: .now, fencedBy: alices, durability: .recoverable) == false)
        #expect(try await bob.purchase(id: "p")?.problem == "alice's look", "nothing written over bob")
    }

    func anIntentIsWrittenLeasedToItsWriter() async throws {
        let alice = try await open()
        let bob = try await open()
        let lease = try #require(try await alice.recordIntent(Self.purchase("p", at: 1, stage: .intent), requestHash: "h",
                                                              takingCartLines: [], at: .now, leasedTo: "alice@desk1", for: 30))
        #expect(lease.purchaseId == "p")
        #expect(try await bob.lease(of: "p") == lease)
        #expect(try await bob.takeLease(of: "p", holder: "bob@desk2", for: 30) == nil)
        #expect(try await bob.recordIntent(Self.purchase("q", at: 2, stage: .intent), requestHash: "h", takingCartLines: [], at: .now,
                                           leasedTo: nil, for: 30) == nil)
        #expect(try await bob.lease(of: "q") == nil)
    }
}
