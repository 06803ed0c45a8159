import BitrefillAPI
import Foundation
import StorefrontDomain

extension AccountInvoice {
    /// An invoice as either dialect lists it, its text sanitised and its orders' redemption details left out.
    public init(_ invoice: Invoice) {
        self.init(id: Sanitizer.clean(invoice.id), createdAt: invoice.createdTime.flatMap(Timestamps.parse), status: invoice.status.map(cleanWord),
                  paymentStatus: invoice.payment?.status.map(cleanWord), paymentMethod: invoice.payment?.method.map(cleanWord),
                  amount: invoice.payment?.amountDue, email: invoice.email.map { Sanitizer.clean($0) },
                  orders: invoice.orders.map { AccountOrder($0, invoiceId: invoice.id, createdTime: invoice.createdTime) })
    }
}

extension AccountOrder {
    /// An order without its `redemption_info`: what the history cache may keep.
    public init(_ order: Order, invoiceId: String? = nil, createdTime: String? = nil) {
        let purchase = PurchaseOrder(order)
        self.init(id: Sanitizer.clean(order.id), invoiceId: (order.invoiceId ?? invoiceId).map { Sanitizer.clean($0) },
                  createdAt: (order.createdTime ?? createdTime).flatMap(Timestamps.parse), status: order.status.map(cleanWord),
                  productId: purchase.productId, productName: purchase.productName, value: purchase.value,
                  phoneNumber: purchase.phoneNumber, esimId: purchase.esimId)
    }
}

/// A status or method word as sent: the API's statuses are open sets, so an unknown word reaches the screen and
/// is cleaned like any other server text.
func cleanWord<Word: OpenEnumeration>(_ word: Word) -> Word {
    Word(rawValue: Sanitizer.clean(word.rawValue))
}

extension MadeHere {
    /// How a journal purchase is marked in the account's history.
    init(_ purchase: Purchase) {
        let operators = purchase.lines.filter { $0.phoneNumber != nil }.map(\.productName)
        self.init(purchaseId: purchase.id, operatorName: operators.isEmpty ? nil : Array(Set(operators)).sorted().joined(separator: ", "))
    }
}

extension RequestAllowance {
    init(_ status: RateLimitStatus) {
        self.init(limit: status.limit, remaining: status.remaining, resetAt: status.resetAt)
    }
}
