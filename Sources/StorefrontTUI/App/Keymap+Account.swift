import StorefrontDomain

extension Keymap {
    /// The Account screen and the key that reaches it from anywhere.
    static let accountBindings: [KeyBinding] = [
        KeyBinding(keys: [.character("A")], command: .openAccount, context: .everywhere, summary: "Account: all invoices"),
        KeyBinding(keys: [.character("/")], command: .startSearch, context: .account, summary: "Filter id/product/phone"),
        KeyBinding(keys: [.enter], command: .open, context: .account, summary: "Open invoice and orders"),
        KeyBinding(keys: [.character("r")], command: .reveal, context: .account, summary: "Reveal codes for 30 s"),
        KeyBinding(keys: [.character("n")], command: .checkNow, context: .account, summary: "Read the server again"),
    ]
}
