import BitrefillAPI
import Foundation
import StorefrontCore

/// Matching an intent to the server's invoices after a create whose answer was lost. There is no idempotency
/// key, so the match is on what the invoice holds: made no earlier than shortly before the intent, not
/// already in the journal, the same products unit for unit, the same payment method.
enum Reconciliation {
    /// How far the server's clock may be behind ours.
    static let clockSkew: TimeInterval = 300

    static func matches(for purchase: Purchase, among invoices: [Invoice], excluding known: Set<String>) -> [Invoice] {
        let wanted = purchase.lines.flatMap { Array(repeating: $0.productId, count: $0.quantity) }.sorted()
        let earliest = purchase.createdAt.addingTimeInterval(-clockSkew)
        return invoices.filter { invoice in
            guard !known.contains(invoice.id) else { return false }
            if let created = invoice.createdTime.flatMap(Timestamps.parse), created < earliest { return false }
            if let method = invoice.payment?.method, method != purchase.paymentMethod { return false }
            let products = invoice.orders.compactMap { $0.product?.id }
            return products.count == invoice.orders.count && products.sorted() == wanted
        }
    }
}
