import Foundation

/// One row of a catalog listing: enough to show a product in a table and filter it, read from the local cache.
/// Display strings are already sanitised; `id` is kept as the API sent it, because it is what a purchase sends.
public struct ProductSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var type: ProductType
    /// ISO alpha-2; nil for products the API lists without a country.
    public var countryCode: String?
    public var countryName: String?
    /// The currency of face values.
    public var currency: String?
    public var inStock: Bool
    /// The package values in the API's order ("10", "25", or "3GB, 30 Days").
    public var packageValues: [String]
    public var range: ValueRange?

    public init(id: String, name: String, type: ProductType, countryCode: String? = nil, countryName: String? = nil,
                currency: String? = nil, inStock: Bool = true, packageValues: [String] = [], range: ValueRange? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.countryCode = countryCode
        self.countryName = countryName
        self.currency = currency
        self.inStock = inStock
        self.packageValues = packageValues
        self.range = range
    }

    /// The face values in a few words: "10 to 500 USD", "25, 50, 100 EUR", "1GB, 7 Days / 3GB, 30 Days (+2 more)".
    /// Labels that hold commas (eSIM bundles) are separated by slashes; the currency follows numbers only.
    public var faceValues: String {
        let unit = currency.map { " \($0)" } ?? ""
        var parts: [String] = []
        if let range { parts.append("\(range.min) to \(range.max)\(unit)") }
        if !packageValues.isEmpty {
            let separator = packageValues.contains { $0.contains(",") } ? " / " : ", "
            let numeric = packageValues.allSatisfy(PackageOption.isAmount)
            let shown = packageValues.prefix(3).joined(separator: separator) + (numeric ? unit : "")
            let more = packageValues.count > 3 ? " (+\(packageValues.count - 3) more)" : ""
            parts.append(range == nil ? "\(shown)\(more)" : "packages \(shown)\(more)")
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }
}

/// Everything the cache knows about one product, for a detail view and for choosing a denomination.
public struct ProductDetail: Sendable, Hashable, Codable {
    public var summary: ProductSummary
    /// Why `summary.type` is what it is.
    public var typeBasis: ClassificationBasis
    public var recipientType: RecipientType?
    public var categories: [String]
    /// eSIM plans: the countries the plan covers.
    public var coverage: [String]
    public var image: String?
    public var createdTime: String?
    public var denominations: Denominations
    /// The currency package prices and the range's price rate are in (the account's), when known.
    public var priceCurrency: String?
    public var firstSeen: Date
    public var updated: Date
    /// Set when the product no longer appears in the API's listing; it stays so history can show it.
    public var gone: Date?

    public init(summary: ProductSummary, typeBasis: ClassificationBasis, recipientType: RecipientType? = nil,
                categories: [String] = [], coverage: [String] = [], image: String? = nil, createdTime: String? = nil,
                denominations: Denominations, priceCurrency: String? = nil, firstSeen: Date, updated: Date, gone: Date? = nil) {
        self.summary = summary
        self.typeBasis = typeBasis
        self.recipientType = recipientType
        self.categories = categories
        self.coverage = coverage
        self.image = image
        self.createdTime = createdTime
        self.denominations = denominations
        self.priceCurrency = priceCurrency
        self.firstSeen = firstSeen
        self.updated = updated
        self.gone = gone
    }

    /// A package's price as money, when the account currency is known.
    public func price(of package: PackageOption) -> Money? {
        guard let price = package.price, let priceCurrency else { return nil }
        return Money(minorUnits: price, currency: .named(priceCurrency))
    }
}

/// A country of the catalog with how many live products of each type it has (eSIM plans count in every
/// country they cover).
public struct CountrySummary: Sendable, Hashable, Codable, Identifiable {
    public var code: String
    public var name: String
    public var giftCards: Int
    public var phoneRefills: Int
    public var esims: Int
    public var billPayments: Int

    public init(code: String, name: String, giftCards: Int = 0, phoneRefills: Int = 0, esims: Int = 0, billPayments: Int = 0) {
        self.code = code
        self.name = name
        self.giftCards = giftCards
        self.phoneRefills = phoneRefills
        self.esims = esims
        self.billPayments = billPayments
    }

    public var id: String { code }
    public var total: Int { giftCards + phoneRefills + esims + billPayments }

    public func count(of type: ProductType) -> Int {
        switch type {
        case .giftCard: giftCards
        case .phoneRefill: phoneRefills
        case .esim: esims
        case .billPayment: billPayments
        case .unknown: 0
        }
    }

    /// Adds `count` products of `type`; unknown types never reach the cache (see `ProductClassifier`).
    public mutating func add(_ count: Int, of type: ProductType) {
        switch type {
        case .giftCard: giftCards += count
        case .phoneRefill: phoneRefills += count
        case .esim: esims += count
        case .billPayment: billPayments += count
        case .unknown: break
        }
    }
}

/// How many live products the catalog holds, of each type and in all, each counted once: what "All countries"
/// lists. The countries' counts cannot be summed for it, since an eSIM plan counts in every country it covers.
public struct CatalogTotals: Sendable, Equatable {
    public var byType: [ProductType: Int]
    public var all: Int

    public init(byType: [ProductType: Int], all: Int) {
        self.byType = byType
        self.all = all
    }

    /// The products of `type`, or of every type when nil.
    public func count(of type: ProductType?) -> Int {
        type.map { byType[$0] ?? 0 } ?? all
    }
}
