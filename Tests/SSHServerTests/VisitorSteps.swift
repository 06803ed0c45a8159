import Foundation
import Testing

/// What a visitor does in the storefront over SSH, step by step, each step waiting for the screen to answer.
enum VisitorSteps {
    /// Searches for the test gift card and adds one 10 USD card to the cart.
    static func addTestGiftCard(_ terminal: TmuxTerminal) async throws {
        try await terminal.waitForCatalog()
        try await terminal.keys("/")
        try await terminal.keys("test gift card code")
        // The two test cards (Code and Code Fail), at any width: the id column shows only on wide screens.
        try await terminal.waitFor("All types (2)")
        try await terminal.press("Enter")
        try await terminal.keys("a")
        try await terminal.waitFor("Add to cart: Test Gift Card Code")
        try await terminal.press("Enter")
        try await terminal.waitFor("Cart 1/20")
    }

    /// Opens the review of the cart.
    static func review(_ terminal: TmuxTerminal) async throws {
        try await terminal.keys("c")
        try await terminal.waitFor("Cart · ")
        try await terminal.keys("b")
        try await terminal.waitFor("Review · 1 item")
    }

    /// Buys the cart from the account's balance and waits for the code.
    static func buyFromTheBalance(_ terminal: TmuxTerminal) async throws -> String {
        try await review(terminal)
        try await terminal.press("Enter")
        try await terminal.waitFor("from the balance? y/n")
        try await terminal.keys("y")
        return try await terminal.waitFor("Delivered")
    }

    /// Buys the cart with bitcoin and waits for the payment request (the invoice exists, unpaid).
    static func buyWithBitcoin(_ terminal: TmuxTerminal) async throws {
        try await review(terminal)
        try await terminal.press("Right")
        try await terminal.waitFor("◀ Bitcoin ▶")
        try await terminal.press("Enter")
        try await terminal.waitFor("Enter a refund address for bitcoin")
        try await terminal.keys("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        try await terminal.press("Enter")
        try await terminal.waitFor("paying with Bitcoin? y/n")
        try await terminal.keys("y")
        try await terminal.waitFor("Scan to pay")
    }

    /// The text after `label` on the screen row that shows it ("Code"), without borders.
    static func value(_ label: String, in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            let row = line.trimmingCharacters(in: CharacterSet(charactersIn: "│ ›"))
            guard row.hasPrefix(label + " ") else { continue }
            return row.dropFirst(label.count).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
        return nil
    }
}
