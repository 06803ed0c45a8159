import StorefrontDomain

/// The top-up review: `y` buys, from the balance with auto-pay, through the same checkout as the cart.
/// Enter only says so, so a key pressed twice never tops up the wrong line.
func reviewTopUpCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    switch command {
    case .confirm:
        return confirmTopUp(&state)
    case .open:
        state.message = StatusMessage(.info, "Check the ICCID's last digits with the customer, then press y to top up (Esc changes the bundle).")
        return []
    case .back:
        state.esim.step = .bundles
        state.esim.error = nil
        return []
    default:
        return []
    }
}

private func confirmTopUp(_ state: inout AppState) -> [Effect] {
    guard let esim = state.esim.esim, let plan = state.esim.plan, let package = state.esim.selectedPackage else { return [] }
    guard state.esim.topUp == nil, state.checkout.placingLines == nil else {
        state.message = StatusMessage(.info, "A purchase is being created: wait for its answer.")
        return []
    }
    if let price = package.price, let balance = state.balance, let after = balance.after(spending: price), after.short {
        state.esim.error = "The balance is short by \(after.amount.formatted): top up the account first, or pick a smaller bundle (Esc)."
        return []
    }
    let line: CartLine
    do {
        line = try PurchaseResolver.line(plan, choice: .package(package), quantity: 1, iccid: esim.iccid)
    } catch {
        state.esim.error = error.message
        return []
    }
    state.esim.topUp = ESIMTopUp(iccid: esim.iccid, bundle: package.value, bundlesBefore: esim.bundles.count)
    state.esim.error = nil
    // No cart line is bought: the checkout must leave the cart alone whatever the answer.
    state.checkout.placingLines = []
    state.message = StatusMessage(.info, "Creating the top-up invoice…")
    return [.checkout(.place(PurchasePlan(lines: [line], paymentMethod: .balance, autoPay: true, refundAddress: nil, email: nil)))]
}

/// Runs after the checkout handled an event: ties the top-up to its purchase, sends Esc from the purchase
/// screen back to the eSIM, and once the purchase settles reads the eSIM again. A refusal is reported on the
/// eSIM screen rather than in the cart's review, which had nothing to do with it.
func esimAfterCheckout(_ state: inout AppState, _ event: CheckoutEvent) -> [Effect] {
    guard let topUp = state.esim.topUp else { return [] }
    switch event {
    case .placed(let purchase) where topUp.purchaseId == nil:
        state.esim.topUp?.purchaseId = purchase.id
        if state.checkout.shown?.purchaseId == purchase.id {
            state.checkout.shown?.returnTo = .esim
            // The checkout's own words speak of codes arriving; a top-up has none.
            if purchase.stage == .created {
                state.message = StatusMessage(.info, "Topping up eSIM …\(topUp.iccid.suffix(4)): following the invoice; the eSIM is read again once it settles.")
            }
        }
        return topUpProgressed(&state, purchase)
    case .placeFailed(let message) where topUp.purchaseId == nil:
        state.checkout.review.error = nil
        state.esim.topUp = nil
        state.esim.error = "\(message) Nothing was bought; y tries again."
        return []
    case .updated(let purchase, _) where purchase.id == topUp.purchaseId:
        return topUpProgressed(&state, purchase)
    default:
        return []
    }
}

private func topUpProgressed(_ state: inout AppState, _ purchase: Purchase) -> [Effect] {
    guard let topUp = state.esim.topUp else { return [] }
    switch purchase.stage {
    case .refused, .notCreated:
        state.checkout.review.error = nil
        state.esim.topUp = nil
        let reason = purchase.problem.map { $0.hasSuffix(".") ? $0 : $0 + "." } ?? "The server gave no reason."
        state.esim.error = purchase.stage == .refused ? "Refused: \(reason) Nothing was bought." : "No invoice was created, so nothing was bought: y tries again."
        state.message = StatusMessage(.error, "The top-up was not made: nothing was bought.")
        return []
    case .settled:
        guard !topUp.isSettled else { return [] }
        state.esim.topUp?.isSettled = true
        return [.esim(.lookUp(iccid: topUp.iccid))]
    case .intent, .sending, .ambiguous, .created:
        return []
    }
}

/// The eSIM read again after its top-up settled: show it with the new bundle highlighted, or say the top-up
/// failed and was refunded (the purchase screen, showing the refund, stays where it is).
func finishTopUp(_ state: inout AppState, _ topUp: ESIMTopUp, _ esim: ESIMDetails) -> [Effect] {
    state.esim.topUp = nil
    let purchase = topUp.purchaseId.flatMap { state.checkout.purchases[$0] }
    let watching = state.screen == .purchase && state.checkout.shown?.purchaseId == topUp.purchaseId
    if watching || state.esim.esim?.iccid == esim.iccid || state.esim.loading == esim.iccid {
        state.esim.esim = esim
        state.esim.loading = nil
        state.esim.step = .details
        state.esim.error = nil
    }
    let ending = "…" + esim.iccid.suffix(4)
    guard purchase?.outcome == .delivered else {
        // The refund's amount once the API reports it; until then the outcome's own words.
        let outcome = purchase?.orders.compactMap(\.refund).first.map { "failed, \($0) refunded" } ?? purchase?.outcome?.summary ?? "failed"
        state.esim.newBundlesFrom = nil
        state.esim.notice = StatusMessage(.error, "The top-up with \(topUp.bundle) \(outcome): nothing was added to this eSIM.")
        state.message = StatusMessage(.error, "Top-up of \(ending) \(outcome): eSIM unchanged.\(watching ? " Esc returns to it." : "")")
        return []
    }
    let added = esim.bundles.count > topUp.bundlesBefore
    state.esim.newBundlesFrom = added ? topUp.bundlesBefore : nil
    let status = esim.bundles.last?.status.map { " (\($0))" } ?? ""
    state.esim.notice = added
        ? StatusMessage(.success, "Topped up: \(topUp.bundle) added\(status), highlighted below.")
        : StatusMessage(.info, "The top-up was delivered, but the eSIM does not list the new bundle yet: n reads it again.")
    if watching { leavePurchase(&state, to: .esim) }
    state.message = StatusMessage(.success, "Top-up delivered: \(topUp.bundle) on eSIM \(ending). h shows the purchase.")
    return []
}
