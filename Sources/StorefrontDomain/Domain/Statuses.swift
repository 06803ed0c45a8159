/// Invoice status. The documented API uses payment-and-delivery words (`complete`, `denied`, ...); the live
/// API rolls delivery up (`not_delivered`, `partially_delivered`, `all_delivered`) and moves payment to
/// `payment.status`. Both sets are here; anything else is `.unknown`.
public enum InvoiceStatus: OpenEnumeration {
    case unpaid, paymentDetected, paymentConfirmed, pending, complete, blocked, denied, paymentError, expired
    case notDelivered, partiallyDelivered, allDelivered
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [InvoiceStatus] = [
        .unpaid, .paymentDetected, .paymentConfirmed, .pending, .complete, .blocked, .denied, .paymentError,
        .expired, .notDelivered, .partiallyDelivered, .allDelivered,
    ]

    public var rawValue: String {
        switch self {
        case .unpaid: "unpaid"
        case .paymentDetected: "payment_detected"
        case .paymentConfirmed: "payment_confirmed"
        case .pending: "pending"
        case .complete: "complete"
        case .blocked: "blocked"
        case .denied: "denied"
        case .paymentError: "payment_error"
        case .expired: "expired"
        case .notDelivered: "not_delivered"
        case .partiallyDelivered: "partially_delivered"
        case .allDelivered: "all_delivered"
        case .unknown(let word): word
        }
    }
}

/// Payment status, carried by `payment.status` in the live dialect.
public enum PaymentStatus: OpenEnumeration {
    case unpaid, paymentDetected, paymentConfirmed, paid, expired, denied, paymentError, blocked, refunded
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [PaymentStatus] = [
        .unpaid, .paymentDetected, .paymentConfirmed, .paid, .expired, .denied, .paymentError, .blocked, .refunded,
    ]

    public var rawValue: String {
        switch self {
        case .unpaid: "unpaid"
        case .paymentDetected: "payment_detected"
        case .paymentConfirmed: "payment_confirmed"
        case .paid: "paid"
        case .expired: "expired"
        case .denied: "denied"
        case .paymentError: "payment_error"
        case .blocked: "blocked"
        case .refunded: "refunded"
        case .unknown(let word): word
        }
    }
}

/// Order status: documented words plus the live `permanent_failure` and `pending`.
public enum OrderStatus: OpenEnumeration {
    case created, paymentDetected, processing, pending, delivered, failed, permanentFailure, refunded
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [OrderStatus] = [
        .created, .paymentDetected, .processing, .pending, .delivered, .failed, .permanentFailure, .refunded,
    ]

    public var rawValue: String {
        switch self {
        case .created: "created"
        case .paymentDetected: "payment_detected"
        case .processing: "processing"
        case .pending: "pending"
        case .delivered: "delivered"
        case .failed: "failed"
        case .permanentFailure: "permanent_failure"
        case .refunded: "refunded"
        case .unknown(let word): word
        }
    }
}

/// What a product sells. The live API may omit `type`; see `ProductClassifier` for how it is derived then.
public enum ProductType: OpenEnumeration, CaseIterable {
    case giftCard, phoneRefill, esim, billPayment
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [ProductType] = [.giftCard, .phoneRefill, .esim, .billPayment]
    public static var allCases: [ProductType] { knownCases }

    public var rawValue: String {
        switch self {
        case .giftCard: "gift_card"
        case .phoneRefill: "phone_refill"
        case .esim: "esim"
        case .billPayment: "bill_payment"
        case .unknown(let word): word
        }
    }

    /// The name a person reads in tabs and tables.
    public var displayName: String {
        switch self {
        case .giftCard: "Gift cards"
        case .phoneRefill: "Phone top-ups"
        case .esim: "eSIMs"
        case .billPayment: "Bills"
        case .unknown(let word): word
        }
    }
}

/// Who or what receives a product: nothing (a code), a phone number, or a customer account (bills).
public enum RecipientType: OpenEnumeration {
    case none, phoneNumber, account
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [RecipientType] = [.none, .phoneNumber, .account]

    public var rawValue: String {
        switch self {
        case .none: "none"
        case .phoneNumber: "phone_number"
        case .account: "account"
        case .unknown(let word): word
        }
    }
}
