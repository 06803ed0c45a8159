import Foundation
import StorefrontDomain

/// The cart's `b` or Enter: the review of every line, how to pay, then a one-line summary that only `y` confirms.
func openReview(_ state: inout AppState) -> [Effect] {
    guard !state.cart.isEmpty else {
        state.message = StatusMessage(.info, "The cart is empty: add a product first (a in the catalog).")
        return []
    }
    state.checkout.review.field = .method
    state.checkout.review.error = nil
    state.screen = .review
    state.message = nil
    return []
}

func handleReviewKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    // The create is in flight: nothing on this screen may change what is being bought.
    guard state.checkout.placingLines == nil else { return [] }
    var form = state.checkout.review
    defer { state.checkout.review = form }
    if form.isEditingText, editText(&state, &form, key) { return [] }
    guard let command = Keymap.command(for: key, in: .review) else { return [] }
    if let effects = screenCommand(&state, command) { return effects }
    switch command {
    case .nextField, .previousField:
        let fields = form.fields
        let index = fields.firstIndex(of: form.field) ?? 0
        form.field = fields[(index + (command == .nextField ? 1 : fields.count - 1)) % fields.count]
    case .nextOption, .previousOption:
        changeOption(&form, forward: command == .nextOption)
    case .confirm:
        if let problem = reviewProblem(state, form) {
            form.error = problem.message
            form.field = problem.field
        } else {
            form.error = nil
            state.overlay = .confirmPurchase
        }
    case .back, .openCart:
        state.screen = .cart
        state.message = nil
    default:
        break
    }
    return []
}

/// Typing into the refund address, email or ticket; true when the key was text.
private func editText(_ state: inout AppState, _ form: inout ReviewForm, _ key: Key) -> Bool {
    let (text, field, limit): (String, TextFieldID, Int) = switch form.field {
    case .refundAddress: (form.refundAddress, .refundAddress, 120)
    case .ticket: (form.ticket, .ticket, 100)
    default: (form.email, .email, 120)
    }
    guard let edited = state.edit(text, in: field, key, limit: limit) else { return false }
    guard edited != text else { return true }
    switch form.field {
    case .refundAddress: form.refundAddress = edited
    case .ticket: form.ticket = edited
    default: form.email = edited
    }
    form.error = nil
    return true
}

private func changeOption(_ form: inout ReviewForm, forward: Bool) {
    switch form.field {
    case .method:
        let methods = PaymentMethod.knownCases
        let index = methods.firstIndex(of: form.method) ?? 0
        form.method = methods[(index + (forward ? 1 : methods.count - 1)) % methods.count]
        form.error = nil
    case .autoPay:
        form.autoPay.toggle()
    case .refundAddress, .email, .ticket:
        break
    }
}

/// The form's own problems, then whether the balance covers a balance purchase.
private func reviewProblem(_ state: AppState, _ form: ReviewForm) -> (field: ReviewForm.Field, message: String)? {
    if let problem = form.problem { return problem }
    if form.method == .balance, let balance = state.balance, let total = state.cart.totalPrice,
       let after = balance.after(spending: total), after.short {
        return (.method, "The balance is short by \(after.amount.formatted): top it up, or pick a crypto method with ←→.")
    }
    return nil
}

/// The summary overlay: `y` sends the purchase, `n` or Esc go back to the review. Enter does nothing here,
/// so a key held down or pressed twice never buys.
func confirmPurchaseKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .character("y"), .character("Y"):
        state.overlay = nil
        let form = state.checkout.review
        let address = form.refundAddress.trimmingCharacters(in: .whitespaces)
        let email = form.email.trimmingCharacters(in: .whitespaces)
        let ticket = form.ticket.trimmingCharacters(in: .whitespaces)
        var plan = PurchasePlan(lines: state.cart.lines, paymentMethod: form.method,
                                autoPay: form.method == .balance && form.autoPay,
                                refundAddress: form.method == .balance || address.isEmpty ? nil : address,
                                email: email.isEmpty ? nil : email)
        plan.ticket = ticket.isEmpty ? nil : ticket
        state.checkout.placingLines = state.cart.lines.map(\.id)
        state.message = StatusMessage(.info, "Creating the invoice…")
        return [.checkout(.place(plan))]
    case .character("n"), .character("N"), .escape:
        state.overlay = nil
        return []
    case .enter:
        state.message = StatusMessage(.info, "Press y to buy, or n to go back to the review.")
        return []
    default:
        return []
    }
}

/// "Buy 3 items for 0.00123000 BTC from the balance? y/n": the line the confirmation shows.
public func purchaseSummary(_ state: AppState) -> String {
    let units = state.cart.units
    let items = "\(units) item\(units == 1 ? "" : "s")"
    var total: String?
    if let price = state.cart.totalPrice, let currency = state.balance?.currency {
        let amount = Money(minorUnits: price, currency: currency).formatted
        total = state.cart.totalIsEstimate ? "about \(amount)" : amount
    }
    let method = state.checkout.review.method
    switch (method, total) {
    case (.balance, let total?): return "Buy \(items) for \(total) from the balance? y/n"
    case (.balance, nil): return "Buy \(items) from the balance (price on the invoice)? y/n"
    case (_, let total?): return "Buy \(items) worth \(total), paying with \(method.displayName)? y/n"
    case (_, nil): return "Buy \(items), paying with \(method.displayName)? y/n"
    }
}

/// The confirmation's lines naming every phone number and ICCID in full, at most `limit` of them (the
/// review lists them all): "Tidal Cellular 10 EUR × 1 to +4915123456789".
public func purchaseRecipients(_ state: AppState, limit: Int) -> [String] {
    let lines = state.cart.lines.compactMap { line in
        line.recipient.map { "\(line.productName) \(line.faceValue) × \(line.quantity) \($0)" }
    }
    guard lines.count > limit else { return lines }
    let kept = max(0, limit - 1)
    return Array(lines.prefix(kept)) + ["and \(lines.count - kept) more (the review lists every one)"]
}

/// Asked when the same cart (or top-up) was bought moments ago: `y` buys it again on purpose, anything that
/// goes back leaves it unbought. Enter does nothing, as in the summary.
func confirmRepeatPurchaseKey(_ state: inout AppState, _ key: Key, plan: PurchasePlan) -> [Effect] {
    switch key {
    case .character("y"), .character("Y"):
        state.overlay = nil
        var again = plan
        again.again = true
        state.checkout.placingLines = state.esim.topUp == nil ? plan.lines.map(\.id) : []
        state.message = StatusMessage(.info, "Creating the invoice…")
        return [.checkout(.place(again))]
    case .character("n"), .character("N"), .escape:
        state.overlay = nil
        if state.esim.topUp?.purchaseId == nil { state.esim.topUp = nil }
        state.message = StatusMessage(.info, "Not bought again.")
        return []
    default:
        return []
    }
}
