import BitrefillAPI
import Foundation
import StorefrontDomain

/// Matching an intent to the server's invoices after a create whose answer was lost. There is no idempotency
/// key, so the match is on what the invoice holds: made after the intent and not long after the create was last
/// sent, not already in the journal, the same products unit for unit (and the same amounts where the purchase
/// named them), the same payment method. Anything else the account bought meanwhile is another purchase.
enum Reconciliation {
    /// How far the server's clock may be behind ours. Small on purpose: with 5 minutes, every invoice of the same
    /// card made in the minutes before matched (21 in a probe). A clock more than this ahead of the server's
    /// could make a created invoice look absent: the README asks for a clock kept in time.
    static let clockSkew: TimeInterval = 30
    /// How long after the create was last sent the server may still make its invoice: the client gives up after
    /// 30 s, but a slow server may finish later. An invoice made after that is another purchase.
    static let lateCreate: TimeInterval = 600

    static func matches(for purchase: Purchase, among invoices: [Invoice], excluding known: Set<String>) -> [Invoice] {
        let wanted = purchase.lines.flatMap { line in Array(repeating: Unit(line), count: line.quantity) }
        let earliest = purchase.createdAt.addingTimeInterval(-clockSkew)
        let latest = purchase.timeline.last { $0.event == .creating }.map { $0.at.addingTimeInterval(lateCreate + clockSkew) }
        return invoices.filter { invoice in
            guard !known.contains(invoice.id) else { return false }
            if let created = invoice.createdTime.flatMap(Timestamps.parse) {
                if created < earliest { return false }
                if let latest, created > latest { return false }
            }
            if let method = invoice.payment?.method, method != purchase.paymentMethod { return false }
            let units = invoice.orders.compactMap(Unit.init)
            return units.count == invoice.orders.count && Unit.sameUnits(units, wanted)
        }
    }

    /// One unit of a purchase or of an invoice: its product and, where it says one, its amount as a number.
    private struct Unit {
        var productId: String
        var value: Decimal?

        /// Only an amount the purchase named (a range product's value) is compared: a package's or a bundle's
        /// `value` is a label on one dialect and an amount on the other, and ruling out the real invoice on such
        /// a difference would send the purchase again.
        init(_ line: PurchaseLine) {
            productId = line.productId
            value = if case .value(let text) = line.denomination { Self.number(text) } else { nil }
        }

        init?(_ order: Order) {
            guard let id = order.product?.id else { return nil }
            productId = id
            value = order.product?.value.flatMap(Self.number)
        }

        /// Whether the invoice's units are the purchase's: the same products, and the same values where both
        /// sides say one (a value one side leaves out rules nothing out).
        static func sameUnits(_ invoice: [Unit], _ wanted: [Unit]) -> Bool {
            guard invoice.count == wanted.count else { return false }
            var left = wanted
            // Units with a value take their exact match first, then a purchase unit of no stated value.
            for unit in invoice.sorted(by: { $0.value != nil && $1.value == nil }) {
                let exact = left.firstIndex { $0.productId == unit.productId && $0.value == unit.value }
                let loose = left.firstIndex { $0.productId == unit.productId && (unit.value == nil || $0.value == nil) }
                guard let index = exact ?? loose else { return false }
                left.remove(at: index)
            }
            return true
        }

        /// A plain decimal number ("10", "10.0", "25.50"); nil for a label such as "1GB 7 days".
        private static func number(_ text: String) -> Decimal? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
            return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        }
    }
}
