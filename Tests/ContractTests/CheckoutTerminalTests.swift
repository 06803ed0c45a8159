import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import TerminalBackend
import Testing

/// Buying in the real binary, in tmux, against the embedded sandbox (crypto paid with `s`, 3 s delivery):
/// the review, the confirmation, following, the masked codes, the clipboard, the history.
@Suite(.serialized) struct CheckoutTerminalTests {
    typealias Session = TerminalSessionTests.Session

    /// Finds the test gift card, adds one 10 USD card and opens the review from the cart.
    func reviewTestGiftCard(_ session: Session) async throws {
        try await session.waitForCatalog()
        try await session.keys("/")
        try await session.type("test gift card code")
        // The two test cards (Code and Code Fail), at any width: the id column shows only on wide screens.
        try await session.waitFor("All types (2)")
        try await session.keys("Enter", "a")
        try await session.waitFor("Add to cart: Test Gift Card Code")
        try await session.keys("Enter")
        try await session.waitFor("Cart 1/20")
        try await session.keys("c", "b")
        try await session.waitFor("1 item in 1 line")
    }

    /// The text after `label` on the screen row that shows it ("Code", "PIN"), without borders.
    func value(_ label: String, in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            let row = line.trimmingCharacters(in: CharacterSet(charactersIn: "│ ›"))
            guard row.hasPrefix(label + " ") else { continue }
            return row.dropFirst(label.count).trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }
        return nil
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func buyFromTheBalanceRevealCopyAndFindItInTheHistory() async throws {
        let session = try Session()
        try await session.tmux(["set-option", "-g", "set-clipboard", "on"])
        try await reviewTestGiftCard(session)
        try await session.keys("Enter")
        try await session.waitFor("Buy 1 item for 0.00016667 BTC from the balance? y/n")
        try await session.keys("Enter")
        // The key was handled when its message shows; only then does "still asking" prove anything.
        let after = try await session.waitFor("Press y to buy, or n to go back")
        #expect(after.contains("from the balance? y/n"), "Enter on the summary does not buy")
        try await session.keys("y")
        let delivered = try await session.waitFor("Delivered")
        #expect(delivered.contains("Cart 0/20"), "the cart is emptied once the invoice exists")
        #expect(delivered.contains("(hidden: r reveals)"))
        let masked = value("Code", in: delivered)
        #expect(masked?.hasPrefix("••••••••") == true)

        try await session.keys("Y")
        try await session.waitFor("copied to the clipboard")
        #expect(value("Code", in: try await session.screen()) == masked, "copying does not reveal")

        try await session.keys("r")
        let revealed = try await session.waitFor("Revealed for 30 s")
        let code = try #require(value("Code", in: revealed))
        #expect(!code.contains("•") && code.count >= 8)
        #expect(code.hasSuffix(String(masked?.suffix(4) ?? "")))
        #expect(try await session.tmux(["show-buffer"]) == code, "OSC 52 carried the code to tmux's clipboard")

        try await session.keys("h")
        let history = try await session.waitFor("Purchase history")
        #expect(history.contains("Test Gift Card Code 10 USD"))
        #expect(history.contains("delivered"))
        try await session.keys("Enter")
        let reopened = try await session.waitFor("(hidden: r reveals)")
        #expect(!reopened.contains(code), "a purchase opened again starts masked")
        try await session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aBitcoinInvoicePaidWithTheSandboxsSimulatedPayment() async throws {
        let session = try Session()
        try await reviewTestGiftCard(session)
        try await session.keys("Right")
        try await session.waitFor("◀ Bitcoin ▶")
        try await session.keys("Enter")
        try await session.waitFor("Enter a refund address for bitcoin")
        try await session.type("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        try await session.keys("Enter")
        try await session.waitFor("paying with Bitcoin? y/n")
        try await session.keys("y")
        // Each waited for in turn: a capture can catch the terminal half-way through painting a frame.
        for text in ["Scan to pay", "Waiting for your payment", "Send exactly", "bitcoin URI with the amount"] {
            try await session.waitFor(text)
        }
        #expect(try await session.waitFor("▀▀▀▀▀▀▀").contains("▀▀▀▀▀▀▀"), "the QR code is drawn")
        try await session.keys("s")
        try await session.waitFor("Payment simulated")
        let delivered = try await session.waitFor("Delivered")
        #expect(!delivered.contains("Scan to pay"), "the payment QR goes once paid")
        #expect(value("Code", in: delivered)?.hasPrefix("••••••••") == true)
        try await session.keys("C-c")
    }

    /// `Y` reaches the terminal device (which writes OSC 52) with the value, while the screen stays masked.
    @Test func copyingGoesToTheTerminalDevice() throws {
        let code = "MMLD-EV2H-6LCF-3F9K"
        let purchase = Purchase(id: "p", createdAt: Date(timeIntervalSince1970: 0), source: "test", kind: .invoice, lines: [],
                                paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "i", invoiceStatus: .allDelivered,
                                orders: [PurchaseOrder(id: "o", productName: "Test Gift Card Code", status: .delivered,
                                                       redemption: Redemption(code: code))])
        var state = AppState(width: 100, height: 30, connection: ConnectionInfo(isSandbox: true, host: "127.0.0.1"))
        state.checkout.purchases["p"] = purchase
        state.checkout.shown = ShownPurchase(purchaseId: "p", returnTo: .browser)
        state.screen = .purchase
        let terminal = HeadlessTerminal(width: 100, height: 30, events: [.key(.character("Y")), .key(.control("c"))])
        let inbox = ActionInbox()
        let runner = EffectRunner(catalog: CatalogService(database: try CatalogDatabase.inMemory(),
                                                          source: CatalogSource(apiURL: "https://api.example.test/v2", account: "test")),
                                  userData: try UserDatabase.inMemory(), client: stubbedClient(StubTransport()), inbox: inbox)
        AppLoop(terminal: terminal, state: state, runner: runner, inbox: inbox).run(initialEffects: [], pollMilliseconds: 5)
        #expect(terminal.copied == [code])
        #expect(terminal.paints.allSatisfy { !$0.buffer.text.contains(code) })
    }
}
