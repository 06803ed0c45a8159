/// How a settled purchase ended; each has its own exit code in the CLI.
public enum PurchaseOutcome: String, Sendable, Equatable, Codable {
    case delivered
    case partlyFailed = "partly_failed"
    case failed
    case denied
    case expired

    public init(invoiceStatus: InvoiceStatus?, paymentStatus: PaymentStatus?, orders: [OrderStatus?]) {
        if invoiceStatus == .expired || paymentStatus == .expired {
            self = .expired
        } else if [InvoiceStatus.denied, .blocked, .paymentError].contains(invoiceStatus ?? .unpaid)
                    || [PaymentStatus.denied, .blocked, .paymentError].contains(paymentStatus ?? .unpaid) {
            self = .denied
        } else {
            let delivered = orders.filter { $0 == .delivered }.count
            if delivered == orders.count && !orders.isEmpty {
                self = .delivered
            } else if delivered > 0 {
                self = .partlyFailed
            } else {
                self = .failed
            }
        }
    }

    /// What a person reads.
    public var summary: String {
        switch self {
        case .delivered: "delivered"
        case .partlyFailed: "partly failed (the failed orders are refunded)"
        case .failed: "failed (refunded)"
        case .denied: "payment denied"
        case .expired: "expired unpaid"
        }
    }
}
