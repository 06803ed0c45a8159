import Foundation
import StorefrontDomain

/// What the checkout engine, the journal and the QR encoder answered.
func reduceCheckout(_ state: inout AppState, _ event: CheckoutEvent) -> [Effect] {
    switch event {
    case .placed(let purchase):
        return placed(&state, purchase)
    case .placeRefusedAsRepeat(let message, let plan):
        state.checkout.placingLines = nil
        state.overlay = .confirmRepeatPurchase(message, plan)
        state.message = StatusMessage(.info, "Nothing was bought: y buys the same again, n goes back.")
        return []
    case .placeFailed(let message):
        state.checkout.placingLines = nil
        state.checkout.review.error = message
        state.message = StatusMessage(.error, message)
        return []
    case .updated(let purchase, let follow):
        return updated(&state, purchase, follow: follow)
    case .followFailed(let id, let message):
        state.checkout.follows[id] = nil
        state.message = StatusMessage(.error, "Stopped following the invoice: \(message) n tries again.")
        return []
    case .requestFailed(let message):
        state.message = StatusMessage(.error, message)
        return []
    case .paymentSimulated:
        state.message = StatusMessage(.info, "Payment simulated: the sandbox detects it in a few seconds.")
        return []
    case .resumed(let purchases):
        guard !purchases.isEmpty else { return [] }
        for purchase in purchases { state.checkout.purchases[purchase.id] = purchase }
        let count = purchases.count
        state.message = StatusMessage(.info, count == 1 ? "1 invoice still pending: following it (h shows it)."
                                          : "\(count) invoices still pending: following them (h shows them).")
        return purchases.map { .checkout(.follow(purchaseId: $0.id)) }
    case .takenUp(let purchases):
        return takenUp(&state, purchases)
    case .waitingForABuyer(let purchases):
        waitingForABuyer(&state, purchases)
        return []
    case .teamChanged(let purchases):
        return teamChanged(&state, purchases)
    case .historyLoaded(let entries, let filter, let agent):
        guard filter == state.checkout.history.filter, agent == state.checkout.history.agent else { return [] }
        // Read again behind the list on screen (a colleague's new purchase): the selection stays on its purchase.
        let kept = state.checkout.history.isLoading ? nil : state.checkout.history.selectedEntry?.id
        state.checkout.history.entries = entries
        if let kept, let index = entries.firstIndex(where: { $0.id == kept }) { state.checkout.history.selection = index }
        state.checkout.history.isLoading = false
        clampHistory(&state)
        return []
    case .historyFailed(let message):
        state.checkout.history.isLoading = false
        state.message = StatusMessage(.error, "The history could not be read: \(message)")
        return []
    case .qrEncoded(let payload, let matrix):
        state.checkout.qrCodes[payload] = .ready(matrix)
        return []
    case .qrFailed(let payload, let message):
        state.checkout.qrCodes[payload] = .failed(message)
        return []
    case .receiptWritten(let path):
        state.message = StatusMessage(.success, "Receipt written to \(path) (readable by you only).")
        return []
    case .revealRecorded(let request):
        return revealRecorded(&state, request)
    case .revealRefused(let message):
        state.message = StatusMessage(.error, message)
        return []
    }
}

/// The create's answer. The cart loses the bought lines only once the invoice exists; a refusal or a create
/// proven absent keeps them; a lost answer holds them until it is known.
private func placed(_ state: inout AppState, _ purchase: Purchase) -> [Effect] {
    let lineIDs = state.checkout.placingLines ?? []
    state.checkout.placingLines = nil
    state.checkout.purchases[purchase.id] = purchase
    switch purchase.stage {
    case .created, .settled:
        var effects = removeBoughtLines(&state, lineIDs)
        effects += openPurchase(&state, id: purchase.id, returnTo: .browser)
        if purchase.followsAfterPlacement { effects.append(.checkout(.follow(purchaseId: purchase.id))) }
        state.message = StatusMessage(.success, createdMessage(purchase, sandbox: state.connection.isSandbox))
        return effects
    case .refused:
        let reason = purchase.problem ?? "the server gave no reason"
        let sentence = reason.hasSuffix(".") ? reason : reason + "."
        state.checkout.review.error = "Refused: \(sentence) Nothing was bought; the cart is kept."
        state.message = StatusMessage(.error, "The purchase was refused: nothing was bought; the cart is kept.")
        return []
    case .notCreated:
        state.checkout.review.error = "No invoice was created, so nothing was bought; the cart is kept. Enter, then y, tries again."
        state.message = StatusMessage(.error, "No invoice was created: nothing was bought.")
        return []
    case .intent, .sending, .ambiguous:
        state.checkout.heldLines[purchase.id] = lineIDs
        var effects = openPurchase(&state, id: purchase.id, returnTo: .browser)
        if purchase.followsAfterPlacement { effects.append(.checkout(.follow(purchaseId: purchase.id))) }
        state.message = StatusMessage(.error, "The answer to the create was lost: checking whether the invoice exists; the cart is kept until it is known. Nothing is sent twice.")
        return effects
    }
}

private func createdMessage(_ purchase: Purchase, sandbox: Bool) -> String {
    let invoice = "Invoice created"
    if purchase.awaitsBalancePayment { return "\(invoice): p pays it from the balance." }
    if purchase.awaitsCryptoPayment {
        return "\(invoice): send exactly the amount shown\(sandbox ? " (s simulates it in the sandbox)" : "")."
    }
    return "\(invoice): following it until the codes arrive."
}

private func updated(_ state: inout AppState, _ purchase: Purchase, follow: FollowStatus?) -> [Effect] {
    let before = state.checkout.purchases[purchase.id]
    state.checkout.purchases[purchase.id] = purchase
    state.checkout.follows[purchase.id] = follow
    if let index = state.checkout.history.entries.firstIndex(where: { $0.id == purchase.id }) {
        state.checkout.history.entries[index] = purchase
    }
    // Paid: the address and amount leave the list of values, so the selection may point past its end.
    if let shown = state.checkout.shown, shown.purchaseId == purchase.id {
        state.checkout.shown?.selection = min(shown.selection, max(0, PurchaseValues.list(for: purchase).count - 1))
    }
    var effects = releaseHeldLines(&state, purchase)
    if purchase.stage == .settled, before?.stage != .settled {
        effects.append(.loadBalance)
        state.message = settledMessage(purchase, onScreen: state.checkout.shown?.purchaseId == purchase.id)
    }
    return effects + requestQRCodes(&state)
}

/// A lost create's lines leave the cart once its invoice is found, and stay when it proved never made.
private func releaseHeldLines(_ state: inout AppState, _ purchase: Purchase) -> [Effect] {
    guard let held = state.checkout.heldLines[purchase.id] else { return [] }
    switch purchase.stage {
    case .created, .settled:
        state.checkout.heldLines[purchase.id] = nil
        return removeBoughtLines(&state, held)
    case .notCreated, .refused:
        state.checkout.heldLines[purchase.id] = nil
        state.message = StatusMessage(.info, "No invoice was made: nothing was bought, and the cart is as it was.")
        return []
    case .intent, .sending, .ambiguous:
        return []
    }
}

private func removeBoughtLines(_ state: inout AppState, _ lineIDs: [String]) -> [Effect] {
    guard !lineIDs.isEmpty else { return [] }
    for id in lineIDs { state.cart.remove(lineID: id) }
    clampScroll(&state)
    return [.saveCart(state.cart.lines)]
}

private func settledMessage(_ purchase: Purchase, onScreen: Bool) -> StatusMessage {
    let outcome = purchase.outcome ?? .failed
    guard onScreen else {
        return StatusMessage(outcome == .delivered ? .success : .error, "\(purchase.title): \(outcome.summary). h opens the history.")
    }
    switch outcome {
    case .delivered:
        let secret = purchase.orders.contains { PurchaseValues.values(of: $0).contains(where: \.isSecret) }
        guard secret else { return StatusMessage(.success, "Delivered.") }
        return StatusMessage(.success, "Delivered. Codes are masked: r reveals them for 30 s, Y copies.",
                             presenting: "Delivered. Codes stay hidden while presenting (P ends it); Y copies.")
    case .partlyFailed, .failed:
        return StatusMessage(.error, "Settled: \(outcome.summary). The failed orders show their refund.")
    case .denied, .expired:
        return StatusMessage(.error, "Settled: \(outcome.summary). Nothing was delivered.")
    }
}

/// Shows a purchase on the purchase screen, its codes masked, and asks for the QR codes it needs.
func openPurchase(_ state: inout AppState, id: String, returnTo: Screen) -> [Effect] {
    state.checkout.shown = ShownPurchase(purchaseId: id, returnTo: returnTo)
    state.screen = .purchase
    return requestQRCodes(&state)
}

/// Asks the encoder for the shown purchase's QR codes it has not been asked for yet.
func requestQRCodes(_ state: inout AppState) -> [Effect] {
    guard state.screen == .purchase, let purchase = state.checkout.shownPurchase else { return [] }
    var effects: [Effect] = []
    for payload in PurchaseValues.qrPayloads(of: purchase) where state.checkout.qrCodes[payload] == nil {
        state.checkout.qrCodes[payload] = .encoding
        effects.append(.checkout(.encodeQR(payload)))
    }
    return effects
}

/// `P`: while the screen is shared, nothing secret shows, whatever is pressed.
func togglePresentation(_ state: inout AppState) -> [Effect] {
    state.checkout.presenting.toggle()
    if state.checkout.presenting {
        state.checkout.shown?.revealedOrder = nil
        state.checkout.shown?.revealedUntil = nil
        state.message = StatusMessage(.info, "Presentation mode: codes, PINs and QR codes stay hidden. P ends it.")
    } else {
        state.message = StatusMessage(.info, "Presentation mode off: r reveals codes again.")
    }
    return []
}
