import Foundation

/// The configured delays, in seconds.
struct LifecycleTiming: Sendable {
    /// nil: crypto invoices are never paid by the timeline, only by a simulated payment.
    let paymentDetection: Double?
    let delivery: Double
    let expiry: Double

    init(_ configuration: SandboxConfiguration) {
        paymentDetection = configuration.paymentDetectionDelay?.seconds
        delivery = configuration.deliveryDelay.seconds
        expiry = configuration.invoiceExpiry.seconds
    }
}

enum InvoicePhase: Sendable {
    case unpaid, expired, paymentDetected, paymentConfirmed, processing, complete
}

enum OrderPhase: Sendable {
    case created, paymentDetected, processing, delivered, failed, refunded
}

/// An invoice's whole life computed from its timestamps, so any moment can be asked about without
/// background work: state is a pure function of (record, time), which keeps tests deterministic and lets
/// a shifted clock fast-forward everything.
///
/// Once paid at `P` with delivery delay `d`: crypto payments are detected at `P`, confirmed at `P + d/3`
/// and processing from `P + 2d/3`; balance payments are confirmed at `P` and processing from `P + d/2`.
/// Orders end at `P + d` (delivered, or failed), and failed orders are refunded at `P + 1.5d`.
/// A crypto invoice pays itself at creation + detection delay (when there is one) unless it expires first.
struct InvoiceTimeline: Sendable {
    let paidAt: Date?
    let expiresAt: Date
    private let isCrypto: Bool
    private let confirmedAt: Date?
    private let processingAt: Date?
    private let finalAt: Date?
    private let refundAt: Date?
    private let anyOrderFails: Bool

    init(_ record: InvoiceRecord, timing: LifecycleTiming) {
        let isCrypto = record.quote.method.isCrypto
        self.isCrypto = isCrypto
        let naturalExpiry = record.createdAt.addingTimeInterval(timing.expiry)
        let expiresAt = min(record.expiredAt ?? naturalExpiry, naturalExpiry)
        self.expiresAt = expiresAt
        let detection = timing.paymentDetection.map { record.createdAt.addingTimeInterval($0) }
        let paid = record.paidAt ?? detection.flatMap { isCrypto && $0 < expiresAt ? $0 : nil }
        paidAt = paid
        let delivery = timing.delivery
        confirmedAt = paid?.addingTimeInterval(isCrypto ? delivery / 3 : 0)
        processingAt = paid?.addingTimeInterval(isCrypto ? delivery * 2 / 3 : delivery / 2)
        finalAt = paid?.addingTimeInterval(delivery)
        refundAt = paid?.addingTimeInterval(delivery * 1.5)
        anyOrderFails = record.orders.contains(where: \.fails)
    }

    /// When nothing more will change: expiry for an invoice never paid, else the last order's end.
    var settledAt: Date {
        guard paidAt != nil else { return expiresAt }
        return (anyOrderFails ? refundAt : finalAt) ?? expiresAt
    }

    func isPaid(at now: Date) -> Bool {
        paidAt.map { $0 <= now } ?? false
    }

    func isExpired(at now: Date) -> Bool {
        !isPaid(at: now) && now >= expiresAt
    }

    func invoicePhase(at now: Date) -> InvoicePhase {
        guard let paidAt, paidAt <= now else { return now >= expiresAt ? .expired : .unpaid }
        if isCrypto, let confirmedAt, now < confirmedAt { return .paymentDetected }
        if let processingAt, now < processingAt { return .paymentConfirmed }
        return now < settledAt ? .processing : .complete
    }

    func orderPhase(_ order: OrderRecord, at now: Date) -> OrderPhase {
        guard let paidAt, paidAt <= now, let finalAt, let refundAt else { return .created }
        if now < finalAt {
            if isCrypto, let confirmedAt, now < confirmedAt { return .paymentDetected }
            return .processing
        }
        guard order.fails else { return .delivered }
        return now < refundAt ? .failed : .refunded
    }

    /// When an order's side effects fall due: the refund for a failing order, delivery otherwise.
    func settlementTime(of order: OrderRecord) -> Date? {
        order.fails ? refundAt : finalAt
    }
}
