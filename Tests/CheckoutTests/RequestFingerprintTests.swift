import Checkout
import Foundation
import StorefrontCore
import Testing

/// What makes two requests the same purchase: what is bought and how it is paid, not where the news of it goes.
@Suite struct RequestFingerprintTests {
    let line = PurchaseLine(productId: "test-gift-card-code", productName: "Test Gift Card Code", faceValue: "10 USD",
                            denomination: .package(id: "test-gift-card-code<&>10"), quantity: 1, unitPrice: 16_667)

    /// Issue 19: `buy … --idempotency-key k1` bought; the same command with `--webhook-url` was refused as "a different
    /// purchase" (exit 64). It is the same purchase.
    @Test func aWebhookAddressDoesNotMakeItAnotherPurchase() throws {
        let plain = CheckoutRequest(lines: [line], idempotencyKey: "k1")
        let told = CheckoutRequest(lines: [line], webhookURL: "http://127.0.0.1:18777/hook", idempotencyKey: "k1")
        #expect(try plain.fingerprint() == told.fingerprint())
    }

    @Test func anotherValueIsAnotherPurchase() throws {
        var other = line
        other.quantity = 2
        #expect(try CheckoutRequest(lines: [line]).fingerprint() != CheckoutRequest(lines: [other]).fingerprint())
    }
}
