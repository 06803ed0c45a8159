import StorefrontDomain

extension Keymap {
    /// The eSIM top-up and phone refill screens, and the keys that open them.
    static let lineToolBindings: [KeyBinding] = [
        KeyBinding(keys: [.character("e")], command: .openESIM, context: .everywhere, summary: "eSIM top-up by ICCID"),
        KeyBinding(keys: [.character("p")], command: .openPhoneRefill, context: .browser, summary: "Phone refill by number"),
        KeyBinding(keys: [.character("p")], command: .openPhoneRefill, context: .cart, summary: "Phone refill by number"),
        KeyBinding(keys: [.enter], command: .open, context: .esim, summary: "Look up / choose"),
        KeyBinding(keys: [.character("t")], command: .topUp, context: .esim, summary: "Top up the eSIM shown"),
        KeyBinding(keys: [.character("n")], command: .checkNow, context: .esim, summary: "Read the eSIM again"),
        KeyBinding(keys: [.character("/")], command: .startSearch, context: .esim, summary: "Filter the plans"),
        KeyBinding(keys: [.character("y")], command: .confirm, context: .esim, summary: "Top up (on the review)"),
        KeyBinding(keys: [.escape], command: .back, context: .esim, summary: "Back one step"),
        KeyBinding(keys: [.enter], command: .open, context: .phoneRefill, summary: "Check the number / pick"),
        KeyBinding(keys: [.tab], command: .nextField, context: .phoneRefill, summary: "Number or country"),
        KeyBinding(keys: [.character("b")], command: .checkout, context: .phoneRefill, summary: "Review and buy the cart"),
        KeyBinding(keys: [.escape], command: .back, context: .phoneRefill, summary: "Back one step"),
    ]
}
