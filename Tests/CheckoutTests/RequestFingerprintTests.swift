import Checkout
import Foundation
import StorefrontDomain
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

/// One intake for every purchase: the CLI, the eSIM top-up and the TUI build their requests the same way.
@Suite struct CheckoutIntakeTests {
    let card = CartLine(id: "c", productId: "test-gift-card-code", productName: "Test Gift Card Code", productType: .giftCard,
                        choice: .package(PackageOption(id: "test-gift-card-code<&>10", value: "10", price: 16_667)), faceValue: "10 USD",
                        unitPrice: 16_667, quantity: 1)

    /// Issue 19: the CLI sent a refund address with a balance purchase; the TUI did not.
    @Test func aBalancePurchaseCarriesNoRefundAddress() {
        let request = CheckoutRequest.make(lines: [card], paymentMethod: .balance, refundAddress: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        #expect(request.refundAddress == nil)
        #expect(request.autoPay)
    }

    /// Issue 19: the TUI trimmed the email and the CLI did not.
    @Test func theEmailAndRefundAddressAreTrimmedAndEmptyMeansNone() {
        let request = CheckoutRequest.make(lines: [card], paymentMethod: .bitcoin, refundAddress: "  bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh ",
                                           email: "  ")
        #expect(request.refundAddress == "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        #expect(request.email == nil)
        #expect(!request.autoPay, "auto-pay is for the balance only")
    }

    /// A key the program made is stored like a given one but, unlike it, does not decide alone.
    @Test func aGeneratedKeyIsKeptAndMarkedAsGenerated() {
        let generated = CheckoutRequest.make(lines: [card], keyPolicy: .generated("tui-1"))
        #expect(generated.idempotencyKey == "tui-1")
        #expect(generated.keyOrigin == .generated)
        #expect(CheckoutRequest.make(lines: [card], keyPolicy: .given("k1")).keyOrigin == .given)
        #expect(CheckoutRequest.make(lines: [card]).idempotencyKey == nil)
    }
}
