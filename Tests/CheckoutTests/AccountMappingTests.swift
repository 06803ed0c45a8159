import AccountHistory
import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import Testing

/// Server text on its way to the account history's cache and the terminal.
@Suite struct AccountMappingTests {
    static let hostile = "\u{1B}]8;;https://evil.example\u{07}paid\u{1B}[2J"

    @Test func everyWordFromTheServerIsSanitised() {
        let invoice = Invoice(id: "inv-1", createdTime: "2026-12-05T10:00:00.000Z", status: InvoiceStatus(rawValue: Self.hostile),
                              payment: InvoicePayment(method: PaymentMethod(rawValue: Self.hostile), status: PaymentStatus(rawValue: Self.hostile)),
                              orders: [Order(id: "ord-1", status: OrderStatus(rawValue: Self.hostile),
                                             product: OrderProduct(id: "p", name: "Steam\u{1B}[31m", value: "20", currency: "USD"))],
                              email: "a@b.c\u{1B}[0m")
        let mapped = AccountInvoice(invoice)
        let words = [mapped.status?.rawValue, mapped.paymentStatus?.rawValue, mapped.paymentMethod?.rawValue, mapped.email,
                     mapped.orders.first?.status?.rawValue, mapped.orders.first?.productName, mapped.statusWord, mapped.items]
        for word in words.compactMap({ $0 }) {
            #expect(!word.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(word.debugDescription)")
        }
        #expect(mapped.createdAt != nil)
    }

    @Test func anOrderListedKeepsNoRedemptionDetails() throws {
        let order = Order(id: "ord-1", status: .delivered, redemptionInfo: RedemptionInfo(code: "SECRET-CODE-1234", link: "https://x.example/r/abc", pin: "9876"))
        let encoded = String(decoding: try JSONEncoder().encode(AccountOrder(order)), as: UTF8.self)
        #expect(!encoded.contains("SECRET") && !encoded.contains("9876") && !encoded.contains("x.example"))
    }
}
