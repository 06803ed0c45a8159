import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The payment screen at a demo's 80×24: the full-screen QR (`Q`), the expiry only from a server time, and
/// `a` putting an expired invoice's lines back in the cart.
@Suite struct PaymentScreenReduceTests {
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    /// The rows holding cells in the black-on-white QR style, read as text (only those cells), and whether any do.
    func codeRows(_ buffer: ScreenBuffer) -> (rows: [String], drawn: Bool) {
        let rows = (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].style == Style(.qr) } }
        let text = rows.map { y in (0..<buffer.width).filter { buffer[$0, y].style == Style(.qr) }.map { buffer[$0, y].text }.joined() }
        return (text, !rows.isEmpty)
    }

    @Test func qShowsTheBitcoinCodeAloneAt80x24AndQOrEscGoBack() {
        var state = SamplePurchases.showing(SamplePurchases.awaitingBitcoin, width: 80, height: 24, qrSize: 33)
        #expect(!render(state).text.contains("▀"), "at 80×24 the pane beside the details has no room for a 33-module code")
        _ = press(&state, .character("Q"))
        let buffer = render(state)
        let code = codeRows(buffer)
        #expect(code.rows.count == (33 + 8 + 1) / 2, "half blocks: two module rows per text row, quiet zone included")
        #expect(code.rows.allSatisfy { $0.count == 33 + 8 })
        #expect(!buffer.text.contains("Purchase"), "the code alone: no header, details or key line")
        #expect(buffer.text.contains("Pay to  \(SamplePurchases.address)"))
        #expect(buffer.text.contains("Amount  0.00033334 BTC"))
        _ = press(&state, .escape)
        #expect(state.screen == .purchase && state.checkout.shown?.showsFullScreenQR == false)
        _ = press(&state, .character("Q"), .character("Q"))
        #expect(state.checkout.shown?.showsFullScreenQR == false)
    }

    @Test func theESIMCodeIsHiddenFullScreenUntilRevealed() {
        var state = SamplePurchases.showing(SamplePurchases.esim, width: 80, height: 24, qrSize: 29)
        _ = press(&state, .character("Q"))
        #expect(render(state).text.contains("press r to reveal"))
        #expect(!codeRows(render(state)).drawn)
        _ = press(&state, .character("r"))
        let buffer = render(state)
        #expect(codeRows(buffer).rows.count == (29 + 8 + 1) / 2)
        #expect(buffer.text.contains("SM-DP+  "))
    }

    @Test func qWithNoCodeOnScreenSaysSo() {
        var state = SamplePurchases.showing(SamplePurchases.following)
        _ = press(&state, .character("Q"))
        #expect(state.checkout.shown?.showsFullScreenQR == false)
        #expect(state.message?.text.hasPrefix("No QR code here") == true)
    }

    @Test func thePanesTooSmallMessageNamesTheWindowNotThePane() {
        let state = SamplePurchases.showing(SamplePurchases.awaitingBitcoin, width: 80, height: 24, qrSize: 33)
        let text = render(state).text
        // 41 columns of code + 4 of pane + 44 of details; 21 rows of code + 6 rows of header, borders and keys.
        #expect(text.contains("89×27"))
        #expect(text.contains("80×24"))
        #expect(!text.contains("28×18"))
    }

    @Test func noServerExpiryShowsTheUsualExpiryWithoutAClock() {
        var purchase = SamplePurchases.awaitingBitcoin
        purchase.expiresAt = nil
        let text = render(SamplePurchases.showing(purchase, width: 120, height: 40)).text
        #expect(text.contains("usually expire after about 3 hours"))
        #expect(!text.contains("Expires in"))
        purchase.expiresAt = SamplePurchases.now.addingTimeInterval(60)
        purchase.payment?.expiryIsEstimate = true
        #expect(!render(SamplePurchases.showing(purchase, width: 120, height: 40)).text.contains("Expires in"),
                "an old journal's guessed expiry is not counted down")
        purchase.payment?.expiryIsEstimate = nil
        #expect(render(SamplePurchases.showing(purchase, width: 120, height: 40)).text.contains("Expires in     1:00"))
    }

    static var expired: Purchase {
        var purchase = SamplePurchases.awaitingBitcoin
        purchase.stage = .settled
        purchase.invoiceStatus = .expired
        purchase.paymentStatus = .expired
        return purchase
    }

    @Test func anExpiredInvoicesOrdersSayTheyWereNotBought() {
        let text = render(SamplePurchases.showing(Self.expired, width: 120, height: 40)).text
        #expect(text.contains("not bought: the invoice expired"))
        #expect(!text.contains("waiting for payment"))
        #expect(text.contains("a puts its lines back in the cart"))
    }

    @Test func aPutsAnExpiredInvoicesLinesBackOnceWithinTheUnitLimit() {
        var state = SamplePurchases.showing(Self.expired)
        let effects = press(&state, .character("a"))
        #expect(state.cart.units == 2)
        #expect(state.cart.lines.first?.productId == "test-gift-card-code")
        #expect(effects == [.saveCart(state.cart.lines)])
        #expect(state.message?.text == "Put 1 line (2 units) back in the cart.")
        _ = press(&state, .character("a"))
        #expect(state.cart.units == 2, "a second press does not double the lines")

        var full = SamplePurchases.showing(Self.expired)
        try? full.cart.add(CartLine(id: "x", productId: "x", productName: "X", productType: .giftCard, choice: .value(5),
                                    faceValue: "5 USD", unitPrice: 1, quantity: 19))
        _ = press(&full, .character("a"))
        #expect(full.cart.units == 19, "2 units do not fit in 1 free")
        #expect(full.message?.kind == .error)
        #expect(full.message?.text.contains("left out (the cart holds 20 units, 1 free): Test Gift Card Code ×2") == true)
    }

    @Test func aOnAPurchaseThatDidNotFailChangesNothing() {
        var state = SamplePurchases.showing(SamplePurchases.awaitingBitcoin)
        #expect(press(&state, .character("a")).isEmpty)
        #expect(state.cart.isEmpty)
    }
}
