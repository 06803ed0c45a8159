import Foundation
import StorefrontDomain

/// One unit of an invoice. Delivered orders carry `redemptionInfo`; refunded ones `refund`.
public struct Order: Sendable, Equatable, Decodable {
    public var id: String
    public var status: OrderStatus?
    public var product: OrderProduct?
    public var invoiceId: String?
    public var createdTime: String?
    public var redemptionInfo: RedemptionInfo?
    /// The reason a delivery failed, as the server words it.
    public var error: String?
    public var refund: Refund?
    public var phoneNumber: String?
    public var esimId: String?

    enum CodingKeys: String, CodingKey {
        case id, status, product, error, refund
        case orderId = "order_id", invoiceId = "invoice_id", createdTime = "created_time"
        case redemptionInfo = "redemption_info", phoneNumber = "phone_number", esimId = "esim_id"
    }

    public init(id: String, status: OrderStatus? = nil, product: OrderProduct? = nil, invoiceId: String? = nil,
                createdTime: String? = nil, redemptionInfo: RedemptionInfo? = nil, error: String? = nil,
                refund: Refund? = nil, phoneNumber: String? = nil, esimId: String? = nil) {
        self.id = id
        self.status = status
        self.product = product
        self.invoiceId = invoiceId
        self.createdTime = createdTime
        self.redemptionInfo = redemptionInfo
        self.error = error
        self.refund = refund
        self.phoneNumber = phoneNumber
        self.esimId = esimId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = container.flexibleString(.id, .orderId), !id.isEmpty else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: decoder.codingPath, debugDescription: "order without an id"))
        }
        self.id = id
        status = container.word(OrderStatus.self, .status)
        product = try? container.decodeIfPresent(OrderProduct.self, forKey: .product)
        invoiceId = container.flexibleString(.invoiceId)
        createdTime = container.flexibleString(.createdTime)
        redemptionInfo = try? container.decodeIfPresent(RedemptionInfo.self, forKey: .redemptionInfo)
        error = container.flexibleString(.error)
        refund = try? container.decodeIfPresent(Refund.self, forKey: .refund)
        phoneNumber = container.flexibleString(.phoneNumber)
        esimId = container.flexibleString(.esimId)
    }
}

public struct OrderProduct: Sendable, Equatable, Decodable {
    public var id: String?
    public var name: String?
    public var value: String?
    public var currency: String?

    enum CodingKeys: String, CodingKey { case id, name, value, currency }

    public init(id: String? = nil, name: String? = nil, value: String? = nil, currency: String? = nil) {
        self.id = id
        self.name = name
        self.value = value
        self.currency = currency
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.flexibleString(.id)
        name = container.flexibleString(.name)
        value = container.flexibleString(.value)
        currency = container.flexibleString(.currency)
    }
}

/// What the end user needs to redeem an order. Any field may be missing; phone top-ups have none.
public struct RedemptionInfo: Sendable, Equatable, Decodable {
    public var code: String?
    public var link: String?
    public var pin: String?
    public var instructions: String?
    public var other: String?
    public var barcodeFormat: String?
    public var barcodeValue: String?
    public var expirationDate: String?
    /// Provider-specific values, each rendered as text whatever its JSON type.
    public var extraFields: [String: String]

    enum CodingKeys: String, CodingKey {
        case code, link, pin, instructions, other
        case barcodeFormat = "barcode_format", barcodeValue = "barcode_value"
        case expirationDate = "expiration_date", extraFields = "extra_fields"
    }

    public init(code: String? = nil, link: String? = nil, pin: String? = nil, instructions: String? = nil, other: String? = nil,
                barcodeFormat: String? = nil, barcodeValue: String? = nil, expirationDate: String? = nil,
                extraFields: [String: String] = [:]) {
        self.code = code
        self.link = link
        self.pin = pin
        self.instructions = instructions
        self.other = other
        self.barcodeFormat = barcodeFormat
        self.barcodeValue = barcodeValue
        self.expirationDate = expirationDate
        self.extraFields = extraFields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = container.flexibleString(.code)
        link = container.flexibleString(.link)
        pin = container.flexibleString(.pin)
        instructions = container.flexibleString(.instructions)
        other = container.flexibleString(.other)
        barcodeFormat = container.flexibleString(.barcodeFormat)
        barcodeValue = container.flexibleString(.barcodeValue)
        expirationDate = container.flexibleString(.expirationDate)
        var extra: [String: String] = [:]
        if let fields = try? container.nestedContainer(keyedBy: AnyKey.self, forKey: .extraFields) {
            for key in fields.allKeys {
                extra[key.stringValue] = fields.flexibleString(key)
            }
        }
        extraFields = extra
    }
}

public struct Refund: Sendable, Equatable, Decodable {
    public var amount: Decimal?
    public var currency: String?

    enum CodingKeys: String, CodingKey { case amount, currency }

    public init(amount: Decimal? = nil, currency: String? = nil) {
        self.amount = amount
        self.currency = currency
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        amount = container.flexibleDecimal(.amount)
        currency = container.flexibleString(.currency)?.uppercased()
    }
}
