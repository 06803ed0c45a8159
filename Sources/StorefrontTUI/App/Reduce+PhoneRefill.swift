import StorefrontDomain

/// `p` in the browser or the cart: the phone refill screen. The browser's country, if one is chosen, is the
/// hint for numbers typed the national way.
func openPhoneRefill(_ state: inout AppState) -> [Effect] {
    guard state.screen != .phoneRefill else { return [] }
    state.phone.returnTo = state.screen
    if state.phone.countryText.isEmpty, let code = state.browser.selectedCountry?.code { state.phone.countryText = code }
    state.phone.step = .number
    state.phone.field = .number
    state.screen = .phoneRefill
    state.message = nil
    return []
}

func handlePhoneRefillKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.phone.step == .number { return numberKey(&state, key) }
    guard let command = Keymap.command(for: key, in: .phoneRefill) else { return [] }
    if let effects = screenCommand(&state, command) { return effects }
    let count = state.phone.operators.count
    switch command {
    case .moveUp, .pageUp: state.phone.operatorSelection -= command == .moveUp ? 1 : count
    case .moveDown, .pageDown: state.phone.operatorSelection += command == .moveDown ? 1 : count
    case .top: state.phone.operatorSelection = 0
    case .bottom: state.phone.operatorSelection = count - 1
    case .open:
        return pickOperator(&state)
    case .checkout:
        return openReview(&state)
    case .openCart:
        state.screen = .cart
        state.message = nil
        return []
    case .back:
        state.phone.step = .number
        state.phone.error = nil
        return []
    default:
        return []
    }
    state.phone.operatorSelection = min(max(0, state.phone.operatorSelection), max(0, count - 1))
    return []
}

/// The number step is a form of two text fields: every character is text; Tab or ↑↓ change field; Esc
/// clears the field, then leaves.
private func numberKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    var phone = state.phone
    defer { state.phone = phone }
    switch key {
    case _ where phone.field == .number && LineEditor.isEditing(key):
        phone.numberText = state.edit(phone.numberText, in: .phoneNumber, key, limit: 30) ?? phone.numberText
    case _ where phone.field == .country && LineEditor.isEditing(key):
        // A country is two letters: anything else typed or pasted is dropped.
        let edited = state.edit(phone.countryText, in: .phoneCountry, key, limit: 2) ?? phone.countryText
        phone.countryText = String(edited.filter(\.isLetter).uppercased().prefix(2))
    case .tab, .backTab, .up, .down:
        phone.field = phone.field == .number ? .country : .number
        return []
    case .enter:
        do {
            let reading = try PhoneNumberInput.read(phone.numberText, country: phone.countryText)
            phone.reading = reading
            phone.checking = reading.e164
            phone.operators = []
            phone.error = nil
            return [.phoneRefill(.check(number: reading.e164))]
        } catch {
            phone.error = error.message
            return []
        }
    case .escape:
        if phone.field == .number, !phone.numberText.isEmpty {
            phone.numberText = ""
        } else if phone.field == .country, !phone.countryText.isEmpty {
            phone.countryText = ""
        } else {
            state.screen = phone.returnTo
            phone.error = nil
            return []
        }
    default:
        return []
    }
    phone.error = nil
    return []
}

private func pickOperator(_ state: inout AppState) -> [Effect] {
    guard let chosen = state.phone.selectedOperator else { return [] }
    state.phone.loadingOperator = chosen.id
    state.phone.error = nil
    return [.phoneRefill(.loadOperator(id: chosen.id))]
}

func reducePhoneRefill(_ state: inout AppState, _ event: PhoneRefillEvent) -> [Effect] {
    switch event {
    case .checked(let number, let operators):
        guard state.phone.checking == number else { return [] }
        state.phone.checking = nil
        guard !operators.isEmpty else {
            state.phone.error = PhoneCheckAdvice.message(code: "unsupported_operator", number: number, serverMessage: "")
            return []
        }
        state.phone.operators = operators
        state.phone.operatorSelection = 0
        state.phone.step = .operators
        // One operator: nothing to choose, straight to its packages.
        return operators.count == 1 ? pickOperator(&state) : []
    case .checkFailed(let number, let message):
        guard state.phone.checking == number else { return [] }
        state.phone.checking = nil
        state.phone.error = message
        return []
    case .operatorLoaded(let product):
        guard state.phone.loadingOperator == product.summary.id else { return [] }
        state.phone.loadingOperator = nil
        return openRefillDialog(&state, product)
    case .operatorFailed(let id, let message):
        guard state.phone.loadingOperator == id else { return [] }
        state.phone.loadingOperator = nil
        state.phone.error = message
        return []
    }
}

/// The cart's own add dialog, for the operator, with the checked number filled in: a package or a value, a
/// quantity, and the line goes into the cart with its number.
private func openRefillDialog(_ state: inout AppState, _ product: ProductDetail) -> [Effect] {
    guard state.screen == .phoneRefill, let number = state.phone.reading?.e164 else { return [] }
    guard product.summary.inStock else {
        state.phone.error = "\(product.summary.name) is out of stock: pick another operator, or try later."
        return []
    }
    guard state.cart.roomLeft > 0 else {
        state.phone.error = CartError.full(units: state.cart.units, adding: 1).message
        return []
    }
    var form = AddToCartForm(product: product)
    form.phoneText = number
    state.overlay = .addToCart(form)
    return []
}
