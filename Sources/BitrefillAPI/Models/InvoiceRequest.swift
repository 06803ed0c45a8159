import Foundation
import StorefrontDomain

/// The body of `POST /invoices` and `POST /esims`.
public struct InvoiceRequest: Sendable, Equatable, Encodable {
    public var products: [InvoiceLine]
    public var paymentMethod: PaymentMethod
    public var autoPay: Bool
    public var refundAddress: String?
    public var webhookURL: String?
    public var email: String?
    public var sendEmail: Bool?

    public init(products: [InvoiceLine], paymentMethod: PaymentMethod = .balance, autoPay: Bool = false,
                refundAddress: String? = nil, webhookURL: String? = nil, email: String? = nil, sendEmail: Bool? = nil) {
        self.products = products
        self.paymentMethod = paymentMethod
        self.autoPay = autoPay
        self.refundAddress = refundAddress
        self.webhookURL = webhookURL
        self.email = email
        self.sendEmail = sendEmail
    }

    enum CodingKeys: String, CodingKey {
        case products
        case paymentMethod = "payment_method", autoPay = "auto_pay", refundAddress = "refund_address"
        case webhookURL = "webhook_url", email, sendEmail = "send_email"
    }

    /// Units in all lines: each becomes one order, and an invoice holds at most 20.
    public var unitCount: Int { products.reduce(0) { $0 + $1.quantity } }
}

/// One line of an invoice request: a product and either a package or a value.
public struct InvoiceLine: Sendable, Equatable, Encodable {
    public enum Denomination: Sendable, Equatable {
        case package(id: String)
        /// A face value within the product's range, sent as a JSON number.
        case amount(Decimal)
        /// A package label (eSIM bundles: "3GB, 30 Days"), sent as a string `value`.
        case label(String)
    }

    public var productId: String
    public var denomination: Denomination
    public var quantity: Int
    public var phoneNumber: String?
    /// ICCID of an existing eSIM: makes `POST /esims` a top-up.
    public var esimId: String?

    public init(productId: String, denomination: Denomination, quantity: Int = 1, phoneNumber: String? = nil, esimId: String? = nil) {
        self.productId = productId
        self.denomination = denomination
        self.quantity = quantity
        self.phoneNumber = phoneNumber
        self.esimId = esimId
    }

    enum CodingKeys: String, CodingKey {
        case productId = "product_id", packageId = "package_id", value, quantity
        case phoneNumber = "phone_number", esimId = "esim_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(productId, forKey: .productId)
        switch denomination {
        case .package(let id): try container.encode(id, forKey: .packageId)
        case .amount(let value): try container.encode(value, forKey: .value)
        case .label(let label): try container.encode(label, forKey: .value)
        }
        try container.encode(quantity, forKey: .quantity)
        try container.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try container.encodeIfPresent(esimId, forKey: .esimId)
    }
}
