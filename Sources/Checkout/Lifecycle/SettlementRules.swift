import Foundation
import StorefrontDomain

/// When a followed purchase is over, and what must still be fetched before it may be: pure rules, so each is
/// pinned row by row in `SettlementRulesTests` rather than only through a running engine.
public enum SettlementRules {
    /// How long a failed order is looked at for its refund before the purchase is settled without it.
    public static let refundGrace: TimeInterval = 90

    /// Orders whose details (`GET /orders/{id}`) the journal still needs: a delivered code not yet saved, or a
    /// failed order's refund not yet known.
    public static func ordersNeedingDetails(_ purchase: Purchase) -> [String] {
        purchase.orders.filter { order in
            (order.status == .delivered && order.redemption == nil && order.expectsRedemption)
                || (order.status?.isFailure == true && order.refund == nil)
        }.map(\.id)
    }

    /// Settled when the invoice is, every delivered code is saved, and every failed order's refund is known, or
    /// the payment itself failed (nothing to refund per order), or the refund grace has passed since every order
    /// became final. Until then the purchase is followed, so a code is never left behind.
    public static func isSettled(_ purchase: Purchase, invoiceSettled: Bool, now: Date) -> Bool {
        guard invoiceSettled else { return false }
        let codesSaved = purchase.orders.allSatisfy { $0.status != .delivered || $0.redemption != nil || !$0.expectsRedemption }
        let refundsKnown = purchase.orders.allSatisfy { $0.status?.isFailure != true || $0.refund != nil }
            || purchase.invoiceStatus?.isPaymentFailure == true || purchase.paymentStatus?.isFailure == true
            || now.timeIntervalSince(purchase.ordersFinalAt ?? now) > refundGrace
        return codesSaved && refundsKnown
    }
}

extension PurchaseOrder {
    /// Phone top-ups deliver no code; everything else is expected to carry redemption details.
    public var expectsRedemption: Bool { phoneNumber == nil }
}
