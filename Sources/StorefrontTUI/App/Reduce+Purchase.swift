import Foundation
import StorefrontDomain

/// Moves the selection through the values, and past the last one on down to the end (the timeline has no
/// values to select); moving up scrolls back before it moves the selection.
private func moved(_ shown: ShownPurchase, _ command: Command, values: Int, scroll: PurchaseView.Scroll) -> ShownPurchase {
    var shown = shown
    let last = max(0, values - 1)
    let page = max(1, scroll.visible - 1)
    shown.scrolledPast = min(shown.scrolledPast, scroll.maxScrolledPast(selection: shown.selection))
    switch command {
    case .moveDown where shown.selection < last:
        shown.selection += 1
        shown.scrolledPast = 0
    case .moveDown:
        shown.scrolledPast += 1
    case .pageDown where shown.selection < last:
        shown.selection = last
        shown.scrolledPast = 0
    case .pageDown:
        shown.scrolledPast += page
    case .bottom:
        shown.selection = last
        shown.scrolledPast = scroll.maxScrolledPast(selection: last)
    case .moveUp where shown.scrolledPast > 0:
        shown.scrolledPast -= 1
    case .moveUp:
        shown.selection = max(0, shown.selection - 1)
    case .pageUp where shown.scrolledPast > 0:
        shown.scrolledPast = max(0, shown.scrolledPast - page)
    case .pageUp, .top:
        shown.selection = 0
        shown.scrolledPast = 0
    default:
        break
    }
    shown.scrolledPast = min(shown.scrolledPast, scroll.maxScrolledPast(selection: shown.selection))
    return shown
}

/// How long `r` shows an order's secrets before they are masked again.
let revealSeconds: TimeInterval = 30

/// The purchase screen: follow, pay, simulate, and the delivered codes (masked until `r`).
func handlePurchaseKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let command = Keymap.command(for: key, in: .purchase) else { return [] }
    if state.checkout.shown?.showsFullScreenQR == true, command == .back || command == .fullScreenQR {
        state.checkout.shown?.showsFullScreenQR = false
        return []
    }
    if let effects = screenCommand(&state, command) { return effects }
    guard let shown = state.checkout.shown, let purchase = state.checkout.purchases[shown.purchaseId] else {
        state.screen = .browser
        return []
    }
    let values = PurchaseValues.list(for: purchase)
    switch command {
    case .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom:
        state.checkout.shown = moved(shown, command, values: values.count, scroll: PurchaseView.Scroll(state, purchase))
        return []
    case .back:
        leavePurchase(&state, to: shown.returnTo)
        return shown.returnTo == .history ? [readHistory(state.checkout.history)] : []
    case .openCart:
        leavePurchase(&state, to: .cart)
        return []
    case .checkNow:
        guard purchase.isUnfinished else {
            state.message = StatusMessage(.info, "This purchase is settled: there is nothing more to check.")
            return []
        }
        state.message = StatusMessage(.info, "Checking the invoice now…")
        return [.checkout(.checkNow(purchaseId: purchase.id))]
    case .payNow:
        guard purchase.awaitsBalancePayment else {
            state.message = StatusMessage(.info, "Nothing to pay here: p pays a balance invoice created without auto-pay.")
            return []
        }
        state.message = StatusMessage(.info, "Paying from the balance…")
        return [.checkout(.pay(purchaseId: purchase.id))]
    case .simulatePayment:
        guard state.connection.isSandbox else {
            state.message = StatusMessage(.error, "s simulates payments in the sandbox only: on the live API, pay from a wallet.")
            return []
        }
        guard purchase.awaitsCryptoPayment, let invoiceId = purchase.invoiceId else {
            state.message = StatusMessage(.info, "No crypto payment is awaited for this purchase.")
            return []
        }
        state.message = StatusMessage(.info, "Simulating the payment…")
        return [.checkout(.simulatePayment(purchaseId: purchase.id, invoiceId: invoiceId))]
    case .reveal:
        return reveal(&state, purchase, values)
    case .copyValue:
        guard values.indices.contains(shown.selection) else {
            state.message = StatusMessage(.info, "Nothing to copy yet.")
            return []
        }
        let value = values[shown.selection]
        if state.checkout.auditsReveals, value.isSecret {
            state.message = StatusMessage(.info, "Recording the copy in the team's audit…")
            return [.checkout(.recordReveals([Reveal(purchaseId: purchase.id, invoiceId: purchase.invoiceId, orderId: value.orderId, way: .copy)],
                                             then: .copy(purchaseId: purchase.id, valueIndex: shown.selection)))]
        }
        return copy(&state, value)
    case .restoreLines:
        return restoreLines(&state, purchase)
    case .fullScreenQR:
        guard PurchaseView.qrCode(state, purchase) != nil else {
            state.message = StatusMessage(.info, "No QR code here: Q shows a payment or eSIM code full screen.")
            return []
        }
        state.checkout.shown?.showsFullScreenQR = true
        return []
    case .writeReceipt:
        state.message = StatusMessage(.info, "Writing the receipt…")
        return [.checkout(.writeReceipt(purchaseId: purchase.id))]
    case .cycleQRMode:
        guard !state.asciiOnly else {
            state.message = StatusMessage(.info, "With --ascii the QR is drawn with ASCII only.")
            return []
        }
        state.checkout.qrMode = state.checkout.qrMode.next
        state.message = StatusMessage(.info, "QR drawn with \(qrModeName(state.checkout.qrMode)); m changes it.")
        return []
    default:
        return []
    }
}

/// `r`: shows the selected order's secrets for 30 s (in team mode once the audit recorded it), or hides them again.
/// Presentation mode refuses.
private func reveal(_ state: inout AppState, _ purchase: Purchase, _ values: [PurchaseValue]) -> [Effect] {
    guard !state.checkout.presenting else {
        state.message = StatusMessage(.error, "Presentation mode keeps codes hidden: P ends it first.")
        return []
    }
    let selected = state.checkout.shown.flatMap { values.indices.contains($0.selection) ? values[$0.selection].orderId : nil }
    guard let orderId = selected ?? values.first(where: \.isSecret)?.orderId,
          values.contains(where: { $0.orderId == orderId && $0.isSecret }) else {
        state.message = StatusMessage(.info, "Nothing to reveal: this order has no code yet.")
        return []
    }
    if state.isRevealed(orderId: orderId) {
        state.checkout.shown?.revealedOrder = nil
        state.checkout.shown?.revealedUntil = nil
        state.message = StatusMessage(.info, "Hidden again.")
        return []
    }
    if state.checkout.auditsReveals {
        state.message = StatusMessage(.info, "Recording the reveal in the team's audit…")
        return [.checkout(.recordReveals([Reveal(purchaseId: purchase.id, invoiceId: purchase.invoiceId, orderId: orderId, way: .screen)],
                                         then: .order(purchaseId: purchase.id, orderId: orderId)))]
    }
    showOrder(&state, orderId)
    return []
}

/// Shows an order's secrets for 30 s.
func showOrder(_ state: inout AppState, _ orderId: String) {
    state.checkout.shown?.revealedOrder = orderId
    state.checkout.shown?.revealedUntil = state.now.addingTimeInterval(revealSeconds)
    state.message = StatusMessage(.info, "Revealed for \(Int(revealSeconds)) s; r hides it now.")
}

/// `Y`: the value goes to the clipboard through OSC 52, never drawn.
func copy(_ state: inout AppState, _ value: PurchaseValue) -> [Effect] {
    state.message = StatusMessage(.success, "\(value.label) copied to the clipboard (OSC 52: the terminal must allow it).")
    return [.copyToClipboard(value.text)]
}

/// `a` on an invoice that expired or failed: its lines back in the cart, as many whole lines as the 20 units
/// allow, saying what was put back and what was left out. Top-ups stay on the eSIM screen, where they are bought.
private func restoreLines(_ state: inout AppState, _ purchase: Purchase) -> [Effect] {
    guard PurchaseText.canRestoreLines(purchase) else {
        state.message = StatusMessage(.info, "a puts the lines of an expired or failed invoice back in the cart; this one did not fail.")
        return []
    }
    guard !state.checkout.restoredPurchases.contains(purchase.id) else {
        state.message = StatusMessage(.info, "These lines are already back in the cart (c opens it).")
        return []
    }
    var added = 0, units = 0
    var left: [String] = []
    for line in purchase.lines {
        guard line.esimId == nil else {
            left.append("\(line.productName) (an eSIM top-up: e buys it again)")
            continue
        }
        do {
            try state.cart.add(CartLine(restoring: line, kind: purchase.kind))
            added += 1
            units += line.quantity
        } catch {
            left.append("\(line.productName) ×\(line.quantity)")
        }
    }
    if added > 0 { state.checkout.restoredPurchases.insert(purchase.id) }
    var words = added == 0 ? "Nothing put back" : "Put \(added) line\(added == 1 ? "" : "s") (\(units) unit\(units == 1 ? "" : "s")) back in the cart"
    if !left.isEmpty {
        words += "; left out (the cart holds \(Cart.maxUnits) units, \(state.cart.roomLeft) free): " + left.joined(separator: ", ")
    }
    state.message = StatusMessage(left.isEmpty ? .success : .error, words + ".")
    return added > 0 ? [.saveCart(state.cart.lines)] : []
}

/// Leaving the screen masks everything again: the next visit starts hidden.
func leavePurchase(_ state: inout AppState, to screen: Screen) {
    state.checkout.shown?.revealedOrder = nil
    state.checkout.shown?.revealedUntil = nil
    state.checkout.shown?.showsFullScreenQR = false
    state.screen = screen
    state.message = nil
}

private func qrModeName(_ mode: QRRenderMode) -> String {
    switch mode {
    case .half: "half blocks"
    case .full: "full blocks"
    case .ascii: "ASCII (#)"
    }
}
