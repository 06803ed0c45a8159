import Foundation
import StorefrontDomain

/// The team's audit recorded a reveal: do what `r` or `Y` asked, if it still applies (the user may have left the
/// purchase or the invoice meanwhile; then nothing is shown, and the event stays, as the audit errs on the side of
/// recording).
func revealRecorded(_ state: inout AppState, _ request: RevealRequest) -> [Effect] {
    switch request {
    case .order(let purchaseId, let orderId):
        guard state.screen == .purchase, state.checkout.shown?.purchaseId == purchaseId, !state.checkout.presenting else { return [] }
        showOrder(&state, orderId)
        return []
    case .accountInvoice(let invoiceId):
        guard state.screen == .account, state.account.detail?.invoice.id == invoiceId, !state.checkout.presenting else { return [] }
        showAccountInvoice(&state)
        return []
    case .copy(let purchaseId, let index):
        guard let purchase = state.checkout.purchases[purchaseId] else { return [] }
        let values = PurchaseValues.list(for: purchase)
        guard values.indices.contains(index) else { return [] }
        return copy(&state, values[index])
    }
}

/// Shows the opened invoice's codes for 30 s.
func showAccountInvoice(_ state: inout AppState) {
    state.account.revealedUntil = state.now.addingTimeInterval(revealSeconds)
    state.message = StatusMessage(.info, "Revealed for \(Int(revealSeconds)) s; r hides them now.")
}
