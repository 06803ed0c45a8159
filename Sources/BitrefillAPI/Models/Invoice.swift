import Foundation
import StorefrontDomain

/// An invoice as either dialect sends it.
public struct Invoice: Sendable, Equatable, Decodable {
    public var id: String
    public var createdTime: String?
    public var expirationTime: String?
    /// Docs: payment-and-delivery status; live: delivery roll-up (`payment.status` carries payment).
    public var status: InvoiceStatus?
    public var payment: InvoicePayment?
    public var orders: [Order]
    public var email: String?
    public var autoPay: Bool?

    enum CodingKeys: String, CodingKey {
        case id, status, payment, orders, email
        case createdTime = "created_time", expirationTime = "expiration_time", autoPay = "auto_pay"
        case invoiceId = "invoice_id"
    }

    public init(id: String, createdTime: String? = nil, expirationTime: String? = nil, status: InvoiceStatus? = nil,
                payment: InvoicePayment? = nil, orders: [Order] = [], email: String? = nil, autoPay: Bool? = nil) {
        self.id = id
        self.createdTime = createdTime
        self.expirationTime = expirationTime
        self.status = status
        self.payment = payment
        self.orders = orders
        self.email = email
        self.autoPay = autoPay
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = container.flexibleString(.id, .invoiceId), !id.isEmpty else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: decoder.codingPath, debugDescription: "invoice without an id"))
        }
        self.id = id
        createdTime = container.flexibleString(.createdTime)
        expirationTime = container.flexibleString(.expirationTime)
        status = container.word(InvoiceStatus.self, .status)
        payment = try? container.decodeIfPresent(InvoicePayment.self, forKey: .payment)
        orders = container.lossyArray(Order.self, .orders)
        email = container.flexibleString(.email)
        autoPay = container.flexibleBool(.autoPay)
    }
}

/// How an invoice is to be paid: for crypto, the address and the exact amount.
public struct InvoicePayment: Sendable, Equatable, Decodable {
    public var method: PaymentMethod?
    /// Crypto address; for Lightning the BOLT11 invoice. Absent for balance payments.
    public var address: String?
    public var currency: String?
    /// As sent: live, an integer in the smallest unit of `currency`; the docs' example uses whole units (0.00123).
    public var price: Decimal?
    public var status: PaymentStatus?
    public var commission: Decimal?

    enum CodingKeys: String, CodingKey {
        case method, address, currency, price, status, commission
        case paymentMethod = "payment_method"
    }

    public init(method: PaymentMethod? = nil, address: String? = nil, currency: String? = nil, price: Decimal? = nil,
                status: PaymentStatus? = nil, commission: Decimal? = nil) {
        self.method = method
        self.address = address
        self.currency = currency
        self.price = price
        self.status = status
        self.commission = commission
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = container.word(PaymentMethod.self, .method) ?? container.word(PaymentMethod.self, .paymentMethod)
        address = container.flexibleString(.address)
        currency = container.flexibleString(.currency)?.uppercased()
        price = container.flexibleDecimal(.price)
        status = container.word(PaymentStatus.self, .status)
        commission = container.flexibleDecimal(.commission)
    }

    /// The amount due in exact smallest units: an integer price is taken as smallest units, a fractional one
    /// (the docs' style) as whole units of the currency. nil when that is not a whole number of units that fits.
    public var amountDue: Money? {
        guard let price else { return nil }
        let currency = self.currency.map(Currency.named) ?? method?.defaultCurrency
        return currency.flatMap { Money.fromAPI(price, currency: $0) }
    }
}
