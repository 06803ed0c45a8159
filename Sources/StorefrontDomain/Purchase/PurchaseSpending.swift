import Foundation

/// How an invoice's total divides among its orders, for a history that sums to what was spent. The API states
/// only the invoice's total; each order gets a share weighted by its line's unit price (equal shares when a
/// price is unknown), and the smallest units left over by the division go one each to the first orders, so the
/// shares add up to the total exactly.
public enum PurchaseSpending {
    /// Whether the invoice's money left the account (or the customer's wallet): paid, or delivering.
    public static func wasPaid(_ purchase: Purchase) -> Bool {
        switch purchase.paymentStatus {
        case .paymentDetected?, .paymentConfirmed?, .paid?, .refunded?: return true
        case .unpaid?, .expired?, .denied?, .paymentError?, .blocked?: return false
        case .unknown?, nil:
            let paidStatuses: [InvoiceStatus] = [.paymentDetected, .paymentConfirmed, .pending, .complete, .partiallyDelivered, .allDelivered]
            return paidStatuses.contains(purchase.invoiceStatus ?? .unpaid)
                || purchase.orders.contains { [.delivered, .refunded, .processing].contains($0.status ?? .created) }
        }
    }

    /// A line's weight: its price for all its units, 0 when unknown.
    public static func weight(_ line: PurchaseLine) -> Int64 {
        guard let price = line.unitPrice else { return 0 }
        let (total, overflow) = price.multipliedReportingOverflow(by: Int64(line.quantity))
        return overflow ? 0 : total
    }

    /// Each order's weight: the unit price of the line it came from (matched by product), 0 when unknown.
    public static func weights(of purchase: Purchase) -> [Int64] {
        purchase.orders.map { order in
            purchase.lines.first { $0.productId == order.productId }?.unitPrice ?? 0
        }
    }

    /// `total` split in proportion to `weights` (equally when any weight is unknown), summing to `total` exactly.
    public static func shares(of total: Int64, weights: [Int64]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let usable = weights.allSatisfy { $0 > 0 } ? weights : Array(repeating: 1, count: weights.count)
        let (sum, overflow) = usable.reduce((Int64(0), false)) { partial, weight in
            let (next, over) = partial.0.addingReportingOverflow(weight)
            return (next, partial.1 || over)
        }
        let weights = overflow ? Array(repeating: Int64(1), count: usable.count) : usable
        let divisor = overflow ? Int64(usable.count) : sum
        var shares = weights.map { weight -> Int64 in
            let product = total.multipliedFullWidth(by: weight)
            return divisor.dividingFullWidth(product).quotient
        }
        var left = total - shares.reduce(0, +)
        var index = 0
        while left != 0, !shares.isEmpty {
            shares[index % shares.count] += left > 0 ? 1 : -1
            left += left > 0 ? -1 : 1
            index += 1
        }
        return shares
    }
}
