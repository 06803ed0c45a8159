import Foundation
import StorefrontDomain
import StorefrontTestSupport
@testable import StorefrontTUI
import Testing

/// `--ascii` draws ASCII only, on every screen and overlay, at both sizes: no arrow, ellipsis, block or
/// accented letter gets through, whichever view drew it.
@Suite struct ASCIIOnlyTests {
    static func ascii(_ state: AppState) -> AppState {
        var state = state
        state.asciiOnly = true
        state.checkout.qrMode = .ascii
        return state
    }

    static var screens: [(String, (Int, Int) -> AppState)] {
        [
            ("browser", { SampleApp.browsing(width: $0, height: $1) }),
            ("search", { var state = SampleApp.browsing(width: $0, height: $1); state.browser.searchText = "cafe"; state.browser.isEditingSearch = true; return state }),
            ("detail", { var state = SampleApp.browsing(width: $0, height: $1); state.browser.focus = .detail; return state }),
            ("help", { var state = SampleApp.browsing(width: $0, height: $1); state.overlay = .help; return state }),
            ("add", { width, height in
                var state = SampleApp.browsing(width: width, height: height)
                state.overlay = .addToCart(AddToCartForm(product: SampleApp.detail(SampleApp.products[3])))
                return state
            }),
            ("cart", { width, height in
                var state = SampleApp.browsing(width: width, height: height)
                state.cart = Cart(lines: [SamplePurchases.giftCardLine, SamplePurchases.refillLine])
                state.screen = .cart
                return state
            }),
            ("review", { width, height in
                var state = SampleApp.browsing(width: width, height: height)
                state.cart = Cart(lines: [SamplePurchases.giftCardLine, SamplePurchases.refillLine])
                state.screen = .review
                return state
            }),
            ("confirm", { width, height in
                var state = SampleApp.browsing(width: width, height: height)
                state.cart = Cart(lines: [SamplePurchases.giftCardLine])
                state.screen = .review
                state.overlay = .confirmPurchase
                return state
            }),
            ("quit", { var state = SampleApp.browsing(width: $0, height: $1); state.overlay = .confirmQuit; return state }),
            ("following", { SamplePurchases.showing(SamplePurchases.following, width: $0, height: $1) }),
            ("bitcoin", { SamplePurchases.showing(SamplePurchases.awaitingBitcoin, width: $0, height: $1, qrSize: 33) }),
            ("delivered", { SamplePurchases.showing(SamplePurchases.delivered, width: $0, height: $1) }),
            ("esim", { SamplePurchases.showing(SamplePurchases.esim, width: $0, height: $1) }),
            ("purchase-help", { var state = SamplePurchases.showing(SamplePurchases.delivered, width: $0, height: $1); state.overlay = .help; return state }),
            ("history", { width, height in
                var state = SampleApp.browsing(width: width, height: height)
                state.screen = .history
                state.checkout.history.entries = [SamplePurchases.awaitingBitcoin, SamplePurchases.following, SamplePurchases.delivered, SamplePurchases.esim]
                return state
            }),
            ("esim-screen", { var state = SampleApp.browsing(width: $0, height: $1); state.screen = .esim; return state }),
            ("phone-refill", { var state = SampleApp.browsing(width: $0, height: $1); state.screen = .phoneRefill; return state }),
            ("too-small", { _, _ in SampleApp.browsing(width: 60, height: 20) }),
        ]
    }

    @Test func everyScreenIsPlainASCII() {
        for (name, make) in Self.screens {
            for (width, height) in ScreenSnapshotTests.sizes {
                let text = render(Self.ascii(make(width, height))).text
                let foreign = Set(text.unicodeScalars.filter { !$0.isASCII }.map { Character($0) })
                #expect(foreign.isEmpty, "\(name) at \(width)x\(height) draws \(String(foreign.sorted()))")
            }
        }
    }

    @Test func foldingKeepsColumnsAndGivesLookAlikes() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.put("›é…ユ↓", x: 0, y: 0, style: .text)
        buffer.foldToASCII()
        #expect(buffer.text.hasPrefix(">e.? v"))
    }

    @Test func theQRIsDrawnWithASCIIFromTheStart() {
        #expect(AppState(width: 80, height: 24, connection: ConnectionInfo(isSandbox: true, host: "h"), asciiOnly: true).checkout.qrMode == .ascii)
        var state = Self.ascii(SamplePurchases.showing(SamplePurchases.awaitingBitcoin))
        _ = reduce(&state, .keyPressed(.character("m")))
        #expect(state.checkout.qrMode == .ascii)
    }
}
