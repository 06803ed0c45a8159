import Foundation
import StorefrontDomain

func cartCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let layout = Layout(width: state.width, height: state.height)
    let lines = state.cart.lines
    switch command {
    case .moveUp: state.cartSelection -= 1
    case .moveDown: state.cartSelection += 1
    case .pageUp: state.cartSelection -= layout.cartRows
    case .pageDown: state.cartSelection += layout.cartRows
    case .top: state.cartSelection = 0
    case .bottom: state.cartSelection = lines.count - 1
    case .back, .openCart:
        state.screen = .browser
        state.message = nil
        return []
    case .increaseQuantity, .decreaseQuantity:
        guard lines.indices.contains(state.cartSelection) else { return [] }
        do {
            try state.cart.changeQuantity(ofLine: lines[state.cartSelection].id, by: command == .increaseQuantity ? 1 : -1)
        } catch {
            state.message = StatusMessage(.error, error.message)
            return []
        }
        clampScroll(&state)
        return [.saveCart(state.cart.lines)]
    case .removeLine:
        guard lines.indices.contains(state.cartSelection) else { return [] }
        state.overlay = .confirmRemoveLine(lineID: lines[state.cartSelection].id)
        return []
    case .clearCart:
        if !lines.isEmpty { state.overlay = .confirmClearCart }
        return []
    case .checkout:
        return openReview(&state)
    default:
        return []
    }
    clampScroll(&state)
    return []
}

func openAddToCart(_ state: inout AppState) -> [Effect] {
    state.browser.addWhenLoaded = nil
    guard let detail = state.browser.detail, detail.summary.id == state.browser.selectedProduct?.id else {
        state.browser.addWhenLoaded = state.browser.selectedProduct?.id
        state.message = StatusMessage(.info, state.browser.selectedProduct == nil ? "Select a product first." : "Loading the product…")
        return []
    }
    guard detail.summary.inStock else {
        state.message = StatusMessage(.error, "\(detail.summary.name) is out of stock: pick another product or try later.")
        return []
    }
    guard state.cart.roomLeft > 0 else {
        state.message = StatusMessage(.error, CartError.full(units: state.cart.units, adding: 1).message)
        return []
    }
    state.overlay = .addToCart(AddToCartForm(product: detail))
    return []
}

func handleOverlayKey(_ state: inout AppState, _ overlay: Overlay, _ key: Key) -> [Effect] {
    switch overlay {
    case .help:
        return handleHelpKey(&state, key)
    case .confirmQuit:
        if key == .character("y") || key == .character("Y") {
            state.isQuitting = true
            return [.quit]
        }
        if [.character("n"), .character("N"), .escape].contains(key) { state.overlay = nil }
        return []
    case .confirmClearCart:
        if key == .character("y") || key == .character("Y") {
            state.cart.clear()
            state.overlay = nil
            state.message = StatusMessage(.info, "The cart is empty.")
            clampScroll(&state)
            return [.saveCart([])]
        }
        if [.character("n"), .character("N"), .escape].contains(key) { state.overlay = nil }
        return []
    case .confirmRemoveLine(let id):
        if key == .character("y") || key == .character("Y") {
            let name = state.cart.lines.first { $0.id == id }?.productName ?? "The line"
            state.cart.remove(lineID: id)
            state.overlay = nil
            state.message = StatusMessage(.info, "\(name) removed from the cart.")
            clampScroll(&state)
            return [.saveCart(state.cart.lines)]
        }
        if [.character("n"), .character("N"), .escape].contains(key) { state.overlay = nil }
        return []
    case .confirmPurchase:
        return confirmPurchaseKey(&state, key)
    case .confirmRepeatPurchase(_, let plan):
        return confirmRepeatPurchaseKey(&state, key, plan: plan)
    case .addToCart(var form):
        let effects = handleFormKey(&state, &form, key)
        if case .addToCart = state.overlay { state.overlay = .addToCart(form) }
        return effects
    }
}

/// The help overlay: the moving keys scroll it when the keys do not fit; Esc, ?, q or Enter close it.
private func handleHelpKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let page = max(1, state.height - 6)
    switch key {
    case .escape, .character("?"), .character("q"), .enter:
        state.overlay = nil
        state.helpScroll = 0
        return []
    case .up, .character("k"): state.helpScroll -= 1
    case .down, .character("j"): state.helpScroll += 1
    case .pageUp: state.helpScroll -= page
    case .pageDown, .character(" "): state.helpScroll += page
    case .home, .character("g"): state.helpScroll = 0
    case .end, .character("G"): state.helpScroll = Int.max / 2
    default: return []
    }
    state.helpScroll = min(max(0, state.helpScroll), HelpView.maxScroll(state))
    return []
}

private func handleFormKey(_ state: inout AppState, _ form: inout AddToCartForm, _ key: Key) -> [Effect] {
    let packages = form.product.denominations.packages
    switch key {
    case .escape:
        state.overlay = nil
        return []
    case .tab, .backTab:
        let fields = form.fields
        let index = fields.firstIndex(of: form.field) ?? 0
        form.field = fields[(index + (key == .tab ? 1 : fields.count - 1)) % fields.count]
        return []
    case .enter:
        return submit(&state, &form)
    default:
        break
    }
    switch form.field {
    case .denomination:
        switch key {
        case .up where !packages.isEmpty:
            form.packageIndex = max(0, form.packageIndex - 1)
            form.valueText = ""
        case .down where !packages.isEmpty:
            form.packageIndex = min(packages.count - 1, form.packageIndex + 1)
            form.valueText = ""
        case _ where LineEditor.isEditing(key):
            form.valueText = state.edit(form.valueText, in: .addValue, key, limit: 40) ?? form.valueText
        default:
            return []
        }
        form.error = form.valueText.isEmpty ? nil : denominationError(form)
    case .quantity:
        switch key {
        case .up, .character("+"), .character("="):
            form.quantity = min(Cart.maxUnits, form.quantity + 1)
            form.quantityTyped = false
        case .down, .character("-"):
            form.quantity = max(1, form.quantity - 1)
            form.quantityTyped = false
        case .character(let character) where character.isASCII && character.isNumber:
            // Digits append once one was typed; three are plenty for a cart of twenty, and never overflow.
            let typed = (form.quantityTyped ? String(form.quantity) : "") + String(character)
            guard typed.count <= 3 else { return [] }
            form.quantity = Int(typed) ?? 0
            form.quantityTyped = true
        case .backspace where form.quantityTyped && form.quantity >= 10:
            form.quantity /= 10
        case .backspace, .control("u"):
            form.quantity = 1
            form.quantityTyped = false
        default: return []
        }
        form.error = quantityProblem(form.quantity, in: state.cart)
    case .phone:
        switch key {
        case _ where LineEditor.isEditing(key):
            form.phoneText = state.edit(form.phoneText, in: .addPhone, key, limit: 20) ?? form.phoneText
        default: return []
        }
        form.error = nil
    }
    return []
}

/// What is wrong with a quantity, in words: the typed value stays as typed and Enter refuses it.
private func quantityProblem(_ quantity: Int, in cart: Cart) -> String? {
    if quantity < 1 { return "Type a quantity of 1 or more." }
    return quantity > cart.roomLeft ? CartError.full(units: cart.units, adding: quantity).message : nil
}

private func denominationError(_ form: AddToCartForm) -> String? {
    do {
        _ = try form.product.denominations.choose(form.valueText)
        return nil
    } catch {
        return error.message
    }
}

/// Validates every field and adds the line, or says what is wrong and stays open.
private func submit(_ state: inout AppState, _ form: inout AddToCartForm) -> [Effect] {
    let denominations = form.product.denominations
    let choice: DenominationChoice
    if !form.valueText.isEmpty {
        do { choice = try denominations.choose(form.valueText) } catch {
            form.error = error.message
            form.field = .denomination
            return []
        }
    } else if denominations.packages.indices.contains(form.packageIndex) {
        choice = .package(denominations.packages[form.packageIndex])
    } else {
        form.error = "Type a value. \(denominations.allowedDescription)."
        form.field = .denomination
        return []
    }
    let line: CartLine
    do {
        line = try PurchaseResolver.line(form.product, choice: choice, quantity: form.quantity, phone: form.needsPhone ? form.phoneText : nil)
    } catch {
        form.error = error.message
        switch error {
        case .phone: form.field = .phone
        case .quantity: form.field = .quantity
        case .denomination, .iccid: form.field = .denomination
        }
        return []
    }
    do {
        try state.cart.add(line)
    } catch {
        form.error = error.message
        form.field = .quantity
        return []
    }
    state.overlay = nil
    state.message = StatusMessage(.success, "Added \(form.quantity) × \(line.productName) \(line.faceValue). Cart: \(state.cart.units)/\(Cart.maxUnits) units; c opens it.")
    return [.saveCart(state.cart.lines)]
}
