import Foundation
import StorefrontDomain

// What the background check found: purchases no storefront works. Each is announced once a session. The check runs
// every 15 s and finds a purchase again whenever its follow stopped and freed it; saying "Took up" each time would
// bury every other message and claim work that is only being retried.

/// A buyer's storefront follows them (again, if it already did: the runner keeps one follow per purchase).
func takenUp(_ state: inout AppState, _ purchases: [Purchase]) -> [Effect] {
    guard !purchases.isEmpty else { return [] }
    for purchase in purchases { state.checkout.purchases[purchase.id] = purchase }
    let count = announce(&state, purchases)
    if count > 0 {
        state.message = StatusMessage(.info, count == 1 ? "Took up 1 invoice no storefront was working on (its host stopped): following it (h shows it)."
                                          : "Took up \(count) invoices no storefront was working on (their host stopped): following them (h shows them).")
    }
    return purchases.map { .checkout(.follow(purchaseId: $0.id)) }
}

/// A storefront that cannot finish them (a lookup agent's) follows nothing and says, once, whose they are to finish.
func waitingForABuyer(_ state: inout AppState, _ purchases: [Purchase]) {
    let count = announce(&state, purchases)
    guard count > 0 else { return }
    state.message = StatusMessage(.info, count == 1 ? "1 invoice no storefront is working on waits for a buyer's storefront: your team role cannot finish it."
                                      : "\(count) invoices no storefront is working on wait for a buyer's storefront: your team role cannot finish them.")
}

/// Marks `purchases` announced; how many were not before.
private func announce(_ state: inout AppState, _ purchases: [Purchase]) -> Int {
    purchases.filter { state.checkout.announcedAbandoned.insert($0.id).inserted }.count
}
