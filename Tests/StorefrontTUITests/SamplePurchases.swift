import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI

/// Purchases at each step of the checkout, and app states showing them, for the checkout reduce and screen tests.
enum SamplePurchases {
    static let now = SampleApp.now
    static let code = "MMLD-EV2H-6LCF-3F9K"
    static let address = "bc1q6298p3avpqhc5440nrqnlmzxq5m8vczv4e0pd5"

    static let giftCardLine = CartLine(id: "test-gift-card-code|10 USD|", productId: "test-gift-card-code", productName: "Test Gift Card Code",
                                       productType: .giftCard, choice: .package(PackageOption(id: "test-gift-card-code<&>10", value: "10", price: 16_667)),
                                       faceValue: "10 USD", unitPrice: 16_667, quantity: 2)
    static let refillLine = CartLine(id: "test-phone-refill|10 USD|+15551234567", productId: "test-phone-refill", productName: "Test Phone Refill",
                                     productType: .phoneRefill, choice: .value(10), faceValue: "10 USD", unitPrice: 16_667, quantity: 1,
                                     phoneNumber: "+15551234567")

    static func purchaseLine(_ line: CartLine) -> PurchaseLine {
        PurchaseLine(productId: line.productId, productName: line.productName, faceValue: line.faceValue,
                     denomination: .label(line.faceValue), quantity: line.quantity, unitPrice: line.unitPrice, phoneNumber: line.phoneNumber)
    }

    static func timeline(_ steps: [(TimeInterval, String)]) -> [TimelineEntry] {
        steps.map { TimelineEntry(at: now.addingTimeInterval($0.0), .note($0.1)) }
    }

    /// A balance purchase paid at once and still delivering.
    static var following: Purchase {
        Purchase(id: "p-following", createdAt: now.addingTimeInterval(-7), source: "sandbox", kind: .invoice,
                 lines: [purchaseLine(giftCardLine)], paymentMethod: .balance, autoPay: true, stage: .created,
                 invoiceId: "9cbbc56a-0c61-403b-8573-3b7560061b3f", invoiceStatus: .notDelivered, paymentStatus: .paymentConfirmed,
                 payment: PaymentDue(amount: Money(minorUnits: 33_334, currency: .btc)),
                 orders: [PurchaseOrder(id: "order-1", productName: "Test Gift Card Code", value: "10 USD", status: .processing),
                          PurchaseOrder(id: "order-2", productName: "Test Gift Card Code", value: "10 USD", status: .processing)],
                 timeline: timeline([(-7, "Purchase written to the journal"), (-7, "Creating the invoice"),
                                     (-6, "Invoice 9cbbc56a-0c61-403b-8573-3b7560061b3f created"),
                                     (-6, "invoice not_delivered, payment payment_confirmed")]))
    }

    /// A bitcoin invoice waiting for the customer's coins.
    static var awaitingBitcoin: Purchase {
        Purchase(id: "p-bitcoin", createdAt: now.addingTimeInterval(-42), source: "sandbox", kind: .invoice,
                 lines: [purchaseLine(giftCardLine)], paymentMethod: .bitcoin, autoPay: false,
                 refundAddress: "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", stage: .created,
                 invoiceId: "39aa4ece-f746-427c-a821-7491be8cf9fa", invoiceStatus: .notDelivered, paymentStatus: .unpaid,
                 payment: PaymentDue(address: address, amount: Money(minorUnits: 33_334, currency: .btc)),
                 expiresAt: now.addingTimeInterval(3 * 3600 - 42),
                 orders: [PurchaseOrder(id: "order-1", productName: "Test Gift Card Code", value: "10 USD", status: .created),
                          PurchaseOrder(id: "order-2", productName: "Test Gift Card Code", value: "10 USD", status: .created)],
                 timeline: timeline([(-42, "Purchase written to the journal"), (-41, "Invoice 39aa4ece-f746-427c-a821-7491be8cf9fa created"),
                                     (-41, "invoice not_delivered, payment unpaid")]))
    }

    /// Two gift cards delivered, a third failed and refunded.
    static var delivered: Purchase {
        var purchase = following
        purchase.id = "p-delivered"
        purchase.stage = .settled
        purchase.invoiceStatus = .partiallyDelivered
        purchase.orders = [
            PurchaseOrder(id: "order-1", productName: "Test Gift Card Code", value: "10 USD", status: .delivered,
                          redemption: Redemption(code: code, pin: "4821", instructions: "Redeem at https://redeem.example/us.",
                                                 expirationDate: "2027-11-21", extraFields: ["serial_number": "876674204388"])),
            PurchaseOrder(id: "order-2", productName: "Test Gift Card Code", value: "10 USD", status: .delivered,
                          redemption: Redemption(code: "QWNV-6WPT-VSKM-77C2", link: "https://redeem.example/us/c/QWNV6WPTVSKM77C2")),
            PurchaseOrder(id: "order-3", productName: "Test Gift Card Code Fail", value: "10 USD", status: .refunded,
                          refund: Money(minorUnits: 16667, currency: .btc), error: "The provider could not issue the card."),
        ]
        purchase.timeline += timeline([(-3, "invoice partially_delivered, payment payment_confirmed"), (-3, "Settled: partly failed")])
        return purchase
    }

    /// An eSIM with its LPA profile.
    static var esim: Purchase {
        var purchase = following
        purchase.id = "p-esim"
        purchase.stage = .settled
        purchase.lines = [PurchaseLine(productId: "test-esim", productName: "Test eSIM", faceValue: "1GB, 7 Days", denomination: .label("1GB, 7 Days"),
                                       quantity: 1, unitPrice: 1_667)]
        purchase.invoiceStatus = .allDelivered
        purchase.orders = [PurchaseOrder(id: "order-1", productName: "Test eSIM", value: "1GB, 7 Days", status: .delivered,
                                         redemption: Redemption(code: "SBX-QWNV6-WPTVS", barcodeFormat: "QRCODE",
                                                                barcodeValue: "LPA:1$smdp.sandbox.example$SBX-QWNV6-WPTVS"),
                                         esimId: "89882471083047617312")]
        return purchase
    }

    /// A stand-in for an encoded QR code: the three finder squares and a fixed pattern between them. 21 modules
    /// is version 1 (an eSIM profile needs more); 33 is version 4, the size of a bitcoin URI with an amount.
    static func matrix(size: Int = 21) -> QRMatrix {
        func finder(_ x: Int, _ y: Int) -> Bool? {
            for (ox, oy) in [(0, 0), (size - 7, 0), (0, size - 7)] where (ox..<ox + 7).contains(x) && (oy..<oy + 7).contains(y) {
                let dx = min(x - ox, ox + 6 - x), dy = min(y - oy, oy + 6 - y)
                return min(dx, dy) != 1
            }
            return nil
        }
        let modules = (0..<size * size).map { index in finder(index % size, index / size) ?? ((index * 7 + index / size) % 3 == 0) }
        return QRMatrix(size: size, modules: modules)!
    }

    /// The purchase screen showing `purchase`, its QR codes encoded.
    static func showing(_ purchase: Purchase, width: Int = 120, height: Int = 40, qrSize: Int = 21) -> AppState {
        var state = SampleApp.browsing(width: width, height: height)
        state.checkout.purchases[purchase.id] = purchase
        state.checkout.shown = ShownPurchase(purchaseId: purchase.id, returnTo: .browser)
        state.screen = .purchase
        for payload in PurchaseValues.qrPayloads(of: purchase) { state.checkout.qrCodes[payload] = .ready(matrix(size: qrSize)) }
        return state
    }
}
