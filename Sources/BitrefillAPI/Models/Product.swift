import Foundation
import StorefrontDomain

/// A product as either dialect sends it. Every field but `id` is optional on the wire; what is missing stays
/// nil (or empty) rather than failing the whole catalog page.
public struct Product: Sendable, Equatable, Decodable {
    public var id: String
    public var name: String
    /// `type` as sent; nil in the live dialect, where `ProductClassifier` derives it.
    public var type: ProductType?
    /// ISO alpha-2, from `country_code` (live) or `country` (docs).
    public var countryCode: String?
    public var countryName: String?
    /// The product's own currency (face values), not the account's.
    public var currency: String?
    public var categories: [String]
    public var recipientType: RecipientType?
    public var image: String?
    /// nil when the server did not say; callers treat that as in stock.
    public var inStock: Bool?
    public var createdTime: String?
    public var packages: [ProductPackage]
    public var range: ProductRange?
    /// eSIM plans: the countries the plan covers.
    public var coverage: [String]

    public init(id: String, name: String, type: ProductType? = nil, countryCode: String? = nil, countryName: String? = nil,
                currency: String? = nil, categories: [String] = [], recipientType: RecipientType? = nil, image: String? = nil,
                inStock: Bool? = nil, createdTime: String? = nil, packages: [ProductPackage] = [], range: ProductRange? = nil,
                coverage: [String] = []) {
        self.id = id
        self.name = name
        self.type = type
        self.countryCode = countryCode
        self.countryName = countryName
        self.currency = currency
        self.categories = categories
        self.recipientType = recipientType
        self.image = image
        self.inStock = inStock
        self.createdTime = createdTime
        self.packages = packages
        self.range = range
        self.coverage = coverage
    }

    enum CodingKeys: String, CodingKey {
        case id, name, type, country, currency, categories, image, packages, range, coverage
        case countryCode = "country_code", countryName = "country_name", recipientType = "recipient_type"
        case inStock = "in_stock", createdTime = "created_time", productId = "product_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = container.flexibleString(.id, .productId), !id.isEmpty else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: decoder.codingPath, debugDescription: "product without an id"))
        }
        self.id = id
        name = container.flexibleString(.name) ?? id
        type = container.word(ProductType.self, .type)
        countryCode = (container.flexibleString(.countryCode) ?? container.flexibleString(.country))?.uppercased()
        countryName = container.flexibleString(.countryName)
        currency = container.flexibleString(.currency)?.uppercased()
        categories = (try? container.decodeIfPresent([String].self, forKey: .categories)) ?? []
        recipientType = container.word(RecipientType.self, .recipientType)
        image = container.flexibleString(.image)
        inStock = container.flexibleBool(.inStock)
        createdTime = container.flexibleString(.createdTime)
        packages = container.lossyArray(ProductPackage.self, .packages).map { $0.withDefaultID(productID: id) }
        range = try? container.decodeIfPresent(ProductRange.self, forKey: .range)
        coverage = ((try? container.decodeIfPresent([String].self, forKey: .coverage)) ?? []).map { $0.uppercased() }
    }
}

/// A fixed denomination. `value` is text because eSIM bundles are labels ("3GB, 30 Days").
public struct ProductPackage: Sendable, Equatable, Decodable {
    /// `id` (live) or `package_id` (docs); may hold spaces and symbols.
    public var id: String
    public var value: String
    /// In the account currency's smallest unit.
    public var price: Int64?
    public var amount: Decimal?

    public init(id: String, value: String, price: Int64? = nil, amount: Decimal? = nil) {
        self.id = id
        self.value = value
        self.price = price
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case id, value, price, amount
        case packageId = "package_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let value = container.flexibleString(.value)
        let id = container.flexibleString(.id, .packageId)
        guard let resolvedValue = value ?? id.map({ Self.value(fromPackageID: $0) }) else {
            throw DecodingError.keyNotFound(CodingKeys.value, .init(codingPath: decoder.codingPath, debugDescription: "package without value or id"))
        }
        self.id = id ?? ""
        self.value = resolvedValue
        price = container.flexibleInt64(.price)
        amount = container.flexibleDecimal(.amount)
    }

    /// Package ids are `PRODUCT<&>VALUE`; when a server sends only the id the value is its second half.
    static func value(fromPackageID id: String) -> String {
        guard let separator = id.range(of: "<&>") else { return id }
        return String(id[separator.upperBound...])
    }

    func withDefaultID(productID: String) -> ProductPackage {
        guard id.isEmpty else { return self }
        var copy = self
        copy.id = "\(productID)<&>\(value)"
        return copy
    }
}

/// A range of face values: `min <= v <= max` and `(v - min)` a multiple of `step`.
public struct ProductRange: Sendable, Equatable, Decodable {
    public var min: Decimal
    public var max: Decimal
    public var step: Decimal
    /// Price of one unit of face value, in the account currency's smallest unit.
    public var priceRate: Decimal?

    public init(min: Decimal, max: Decimal, step: Decimal, priceRate: Decimal? = nil) {
        self.min = min
        self.max = max
        self.step = step
        self.priceRate = priceRate
    }

    enum CodingKeys: String, CodingKey {
        case min, max, step
        case priceRate = "price_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let min = container.flexibleDecimal(.min), let max = container.flexibleDecimal(.max) else {
            throw DecodingError.keyNotFound(CodingKeys.min, .init(codingPath: decoder.codingPath, debugDescription: "range without min and max"))
        }
        self.min = min
        self.max = max
        let step = container.flexibleDecimal(.step) ?? 1
        self.step = step > 0 ? step : 1
        priceRate = container.flexibleDecimal(.priceRate)
    }
}
