/// Which statuses end the story. An invoice is settled when its payment failed or was refused, or when every
/// order reached a final status; until then it is followed.
extension OrderStatus {
    /// Delivered, failed or refunded: nothing more will happen to this order.
    public var isFinal: Bool {
        switch self {
        case .delivered, .failed, .permanentFailure, .refunded: true
        case .created, .paymentDetected, .processing, .pending, .unknown: false
        }
    }

    public var isFailure: Bool {
        switch self {
        case .failed, .permanentFailure, .refunded: true
        default: false
        }
    }
}

extension InvoiceStatus {
    /// Final in the documented dialect (`complete`, `denied`, `payment_error`, `blocked`) or expired.
    public var isFinal: Bool {
        switch self {
        case .complete, .denied, .paymentError, .blocked, .expired, .allDelivered: true
        default: false
        }
    }

    /// The invoice will never be paid: no order can be delivered.
    public var isPaymentFailure: Bool {
        switch self {
        case .denied, .paymentError, .blocked, .expired: true
        default: false
        }
    }
}

extension PaymentStatus {
    /// The payment will never complete (live dialect, where `payment.status` carries this).
    public var isFailure: Bool {
        switch self {
        case .expired, .denied, .paymentError, .blocked: true
        default: false
        }
    }
}
