import StorefrontDomain

/// What a key does, where. The keymap is data: `reduce` looks keys up here and the help screen is
/// generated from the same table, so the two cannot disagree.
public enum Command: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case nextPane, previousPane, open, back
    case startSearch, addToCart, openCart, help, quit, redraw
    case previousTab, nextTab, tab(Int)
    case increaseQuantity, decreaseQuantity, removeLine, clearCart
    case cycleTheme
    case checkout, openHistory, togglePresentation
    case nextField, previousField, nextOption, previousOption, confirm
    case checkNow, payNow, simulatePayment, reveal, copyValue, cycleQRMode, fullScreenQR, restoreLines, writeReceipt
    case openESIM, openPhoneRefill, topUp
    case searchAllCountries, openBrowser
    case openAccount
    case onlyMine, onlySelectedAgent
}

public struct KeyBinding: Sendable, Equatable {
    public enum Context: String, Sendable, Equatable, CaseIterable {
        case everywhere = "Everywhere"
        case browser = "Browser"
        case cart = "Cart"
        case review = "Review"
        case purchase = "Purchase"
        case history = "History"
        case esim = "eSIM top-up"
        case phoneRefill = "Phone refill"
        case account = "Account"
    }

    public var keys: [Key]
    public var command: Command
    public var context: Context
    public var summary: String
}

extension KeyBinding.Context {
    /// The keys a screen has besides those of everywhere.
    public init(_ screen: Screen) {
        self = switch screen {
        case .browser: .browser
        case .cart: .cart
        case .review: .review
        case .purchase: .purchase
        case .history: .history
        case .esim: .esim
        case .phoneRefill: .phoneRefill
        case .account: .account
        }
    }
}

public enum Keymap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.up, .character("k")], command: .moveUp, context: .everywhere, summary: "Move up"),
        KeyBinding(keys: [.down, .character("j")], command: .moveDown, context: .everywhere, summary: "Move down"),
        KeyBinding(keys: [.pageUp], command: .pageUp, context: .everywhere, summary: "Page up"),
        KeyBinding(keys: [.pageDown], command: .pageDown, context: .everywhere, summary: "Page down"),
        KeyBinding(keys: [.character("g"), .home], command: .top, context: .everywhere, summary: "First item"),
        KeyBinding(keys: [.character("G"), .end], command: .bottom, context: .everywhere, summary: "Last item"),
        KeyBinding(keys: [.character("?")], command: .help, context: .everywhere, summary: "This help"),
        KeyBinding(keys: [.character("c")], command: .openCart, context: .everywhere, summary: "Open the cart"),
        KeyBinding(keys: [.escape], command: .back, context: .everywhere, summary: "Back one screen / clear"),
        KeyBinding(keys: [.character("q")], command: .quit, context: .everywhere, summary: "Quit (confirms if cart)"),
        KeyBinding(keys: [.control("c")], command: .quit, context: .everywhere, summary: "Quit now (cart is kept)"),
        KeyBinding(keys: [.control("l")], command: .redraw, context: .everywhere, summary: "Redraw the screen"),
        KeyBinding(keys: [.character("T")], command: .cycleTheme, context: .everywhere, summary: "Next colour theme"),
        KeyBinding(keys: [.character("B")], command: .openBrowser, context: .everywhere, summary: "Back to the browser"),
        KeyBinding(keys: [.tab], command: .nextPane, context: .browser, summary: "Next pane"),
        KeyBinding(keys: [.backTab], command: .previousPane, context: .browser, summary: "Previous pane"),
        KeyBinding(keys: [.enter], command: .open, context: .browser, summary: "Open country / product"),
        KeyBinding(keys: [.character("/")], command: .startSearch, context: .browser, summary: "Search as you type"),
        KeyBinding(keys: [.control("g")], command: .searchAllCountries, context: .browser, summary: "Search all countries"),
        KeyBinding(keys: [.character("a")], command: .addToCart, context: .browser, summary: "Add product to cart"),
        KeyBinding(keys: [.character("["), .left], command: .previousTab, context: .browser, summary: "Previous type tab"),
        KeyBinding(keys: [.character("]"), .right], command: .nextTab, context: .browser, summary: "Next type tab"),
        KeyBinding(keys: (1...5).map { .character(Character(String($0))) }, command: .tab(0), context: .browser,
                   summary: "Type tab: All … Bills"),
        KeyBinding(keys: [.character("+"), .character("=")], command: .increaseQuantity, context: .cart, summary: "One more of the line"),
        KeyBinding(keys: [.character("-")], command: .decreaseQuantity, context: .cart, summary: "One less of the line"),
        KeyBinding(keys: [.character("d"), .delete], command: .removeLine, context: .cart, summary: "Remove the line"),
        KeyBinding(keys: [.character("x")], command: .clearCart, context: .cart, summary: "Empty cart (asks first)"),
    ] + checkoutBindings + lineToolBindings + accountBindings

    /// The review, purchase and history screens, and the two keys that reach them from anywhere.
    static let checkoutBindings: [KeyBinding] = [
        KeyBinding(keys: [.character("h")], command: .openHistory, context: .everywhere, summary: "Purchase history"),
        KeyBinding(keys: [.character("P")], command: .togglePresentation, context: .everywhere, summary: "Presenting: hide codes"),
        KeyBinding(keys: [.character("b"), .enter], command: .checkout, context: .cart, summary: "Review and buy"),
        KeyBinding(keys: [.tab, .down], command: .nextField, context: .review, summary: "Next field"),
        KeyBinding(keys: [.backTab, .up], command: .previousField, context: .review, summary: "Previous field"),
        KeyBinding(keys: [.right, .character(" ")], command: .nextOption, context: .review, summary: "Change method/auto-pay"),
        KeyBinding(keys: [.left], command: .previousOption, context: .review, summary: "Previous method"),
        KeyBinding(keys: [.enter], command: .confirm, context: .review, summary: "Summary, then y buys"),
        KeyBinding(keys: [.escape], command: .back, context: .review, summary: "Back to the cart"),
        KeyBinding(keys: [.character("n")], command: .checkNow, context: .purchase, summary: "Check the invoice now"),
        KeyBinding(keys: [.character("p")], command: .payNow, context: .purchase, summary: "Pay from the balance"),
        KeyBinding(keys: [.character("s")], command: .simulatePayment, context: .purchase, summary: "Simulate pay (sandbox)"),
        KeyBinding(keys: [.character("r")], command: .reveal, context: .purchase, summary: "Reveal codes for 30 s"),
        KeyBinding(keys: [.character("Y")], command: .copyValue, context: .purchase, summary: "Copy selected value"),
        KeyBinding(keys: [.character("m")], command: .cycleQRMode, context: .purchase, summary: "QR: half/full/ASCII"),
        KeyBinding(keys: [.character("a")], command: .restoreLines, context: .purchase, summary: "Expired: lines to cart"),
        KeyBinding(keys: [.character("Q")], command: .fullScreenQR, context: .purchase, summary: "QR code full screen"),
        KeyBinding(keys: [.character("W")], command: .writeReceipt, context: .purchase, summary: "Write a receipt file"),
        KeyBinding(keys: [.character("/")], command: .startSearch, context: .history, summary: "Filter the purchases"),
        KeyBinding(keys: [.enter], command: .open, context: .history, summary: "Open the purchase"),
        KeyBinding(keys: [.character("m")], command: .onlyMine, context: .history, summary: "Team: mine / everyone's"),
        KeyBinding(keys: [.character("a")], command: .onlySelectedAgent, context: .history, summary: "Team: selected's agent"),
    ]

    /// How help and hints name the keys of a command: "Ctrl-G".
    public static func keyLabel(of command: Command) -> String {
        bindings.first { $0.command == command }.map { $0.keys.map(\.label).joined(separator: " ") } ?? ""
    }

    /// The command for a key in a context: the context's own bindings first, then those for everywhere.
    public static func command(for key: Key, in context: KeyBinding.Context) -> Command? {
        if context == .browser, case .character(let character) = key, let digit = character.wholeNumberValue, (1...5).contains(digit) {
            return .tab(digit - 1)
        }
        let own = bindings.first { $0.context == context && $0.keys.contains(key) }
        return (own ?? bindings.first { $0.context == .everywhere && $0.keys.contains(key) })?.command
    }
}
