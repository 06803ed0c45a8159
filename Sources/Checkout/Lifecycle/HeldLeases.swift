import Foundation
import Synchronization

/// The leases one engine holds. Its operations on one purchase (a follow, a payment asked for meanwhile, a webhook's
/// look) share one lease and one renewer, and the lease is released when the last of them ends. Taking is one at a
/// time per purchase: an operation that finds another of this engine's taking the lease waits for the outcome
/// instead of racing it to the journal (and losing to itself).
final class HeldLeases: Sendable {
    private enum Slot {
        case taking(waiters: [CheckedContinuation<Void, Never>])
        case held(Held)
    }

    private struct Held {
        var lease: PurchaseLease
        var users: Int
        var renewer: Task<Void, Never>
        /// The renewer found the lease taken over.
        var lost = false
    }

    private let slots = Mutex<[String: Slot]>([:])

    /// Joins the lease this engine holds on `id`; nil: none is held, and the caller now takes it (and must `settle`).
    func enter(_ id: String) async -> PurchaseLease? {
        while true {
            let joined = slots.withLock { slots -> PurchaseLease?? in
                switch slots[id] {
                case nil:
                    slots[id] = .taking(waiters: [])
                    return .some(nil)
                case .held(var held)?:
                    held.users += 1
                    slots[id] = .held(held)
                    return .some(held.lease)
                case .taking?:
                    return nil
                }
            }
            if let joined { return joined }
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let now = slots.withLock { slots -> Bool in
                    guard case .taking(let waiters)? = slots[id] else { return true }
                    slots[id] = .taking(waiters: waiters + [waiter])
                    return false
                }
                if now { waiter.resume() }
            }
        }
    }

    /// Ends a take begun by `enter`: the lease now held, with its renewer, or nil (another host holds it).
    func settle(_ id: String, holding lease: PurchaseLease?, renewer: Task<Void, Never>?) {
        let waiters = slots.withLock { slots -> [CheckedContinuation<Void, Never>] in
            guard case .taking(let waiters)? = slots[id] else { return [] }
            if let lease, let renewer {
                slots[id] = .held(Held(lease: lease, users: 1, renewer: renewer))
            } else {
                slots[id] = nil
            }
            return waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// A lease taken with the purchase's intent: held by its first user.
    func hold(_ lease: PurchaseLease, renewer: Task<Void, Never>) {
        slots.withLock { $0[lease.purchaseId] = .held(Held(lease: lease, users: 1, renewer: renewer)) }
    }

    /// One user is done; returns the lease to release when it was the last (its renewer stopped).
    func leave(_ id: String) -> PurchaseLease? {
        slots.withLock { slots -> PurchaseLease? in
            guard case .held(var held)? = slots[id] else { return nil }
            held.users -= 1
            guard held.users == 0 else {
                slots[id] = .held(held)
                return nil
            }
            slots[id] = nil
            held.renewer.cancel()
            return held.lease
        }
    }

    func markLost(_ lease: PurchaseLease) {
        slots.withLock { slots in
            guard case .held(var held)? = slots[lease.purchaseId], held.lease.epoch == lease.epoch else { return }
            held.lost = true
            slots[lease.purchaseId] = .held(held)
        }
    }

    func isLost(_ id: String) -> Bool {
        slots.withLock { slots in
            guard case .held(let held)? = slots[id] else { return false }
            return held.lost
        }
    }
}
