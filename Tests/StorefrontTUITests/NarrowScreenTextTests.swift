import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// Text an agent reads at 80 columns is never cut where it matters: a cart line's phone number or ICCID, what
/// tells two products apart, a status message.
@Suite struct NarrowScreenTextTests {
    func cart(_ lines: [CartLine]) -> AppState {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.cart = Cart(lines: lines)
        state.screen = .cart
        return state
    }

    /// `Sigma Cellular · +4…` hid the one thing to check: the number is whole, the product name gives way.
    @Test func aCartLinesPhoneNumberAndICCIDAreNeverCut() {
        let state = cart([
            CartLine(id: "a", productId: "sigma-cellular-gb", productName: "Sigma Cellular United Kingdom", productType: .phoneRefill,
                     choice: .value(10), faceValue: "10 GBP", unitPrice: 16_667, quantity: 1, phoneNumber: "+447700900123"),
            CartLine(id: "b", productId: "test-esim", productName: "Test eSIM Europe and more", productType: .esim,
                     choice: .package(PackageOption(id: "test-esim<&>1GB", value: "1GB, 7 Days", price: 1_667)), faceValue: "1GB, 7 Days", unitPrice: 1_667, quantity: 1,
                     esimId: "89882471083047617312"),
        ])
        let screen = render(state).text
        #expect(screen.contains("+447700900123"), "\(screen)")
        #expect(screen.contains("89882471083047617312"), "\(screen)")
        #expect(screen.contains("Sigma"), "the product is still named")
    }

    /// Cut at the end, "Test Gift Card Code Fail" read "Test Gift Card Code…", like the card that works.
    @Test func aProductNameCutInAColumnKeepsTheWordsThatTellItFromItsNeighbour() {
        let state = cart([
            CartLine(id: "a", productId: "test-gift-card-code", productName: "Test Gift Card Code", productType: .giftCard,
                     choice: .value(10), faceValue: "10 USD", unitPrice: 16_667, quantity: 1),
            CartLine(id: "b", productId: "test-gift-card-code-fail", productName: "Test Gift Card Code Fail", productType: .giftCard,
                     choice: .value(10), faceValue: "10 USD", unitPrice: 16_667, quantity: 1),
        ])
        let screen = render(state).text
        #expect(screen.contains("Fail"), "\(screen)")
    }

    /// A status line longer than the screen is wrapped onto a second row, the status bar moving up one row for
    /// it, rather than ending mid-sentence.
    @Test func aLongStatusMessageIsShownWholeOnTwoRows() {
        var state = SampleApp.browsing(width: 80, height: 24)
        let path = "/tmp/storefront-data-3f9e7c2a1b/receipt-9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d.txt"
        state.message = StatusMessage(.success, "Receipt written to \(path) (readable by you only).")
        let rows = render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastTwo = rows.suffix(2).joined().filter { !$0.isWhitespace }
        #expect(lastTwo.contains("Receiptwrittento\(path)(readablebyyouonly)."), "\(rows.suffix(3).joined(separator: "\n"))")
        #expect(rows[rows.count - 3].contains("SANDBOX"), "the status bar stays on screen")
    }

    @Test func aShortStatusMessageKeepsItsOneRow() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.message = StatusMessage(.info, "Theme: gruvbox")
        let rows = render(state).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[rows.count - 2].contains("SANDBOX"))
        #expect(rows[rows.count - 1].contains("Theme: gruvbox"))
    }
}
