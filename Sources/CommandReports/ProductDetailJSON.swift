import Foundation
import StorefrontDomain

/// `catalog show --json`: the product as the cache knows it, with each package's price as every amount in JSON
/// is written (a decimal string in the account currency named beside it, `price` and `price_currency`).
public struct ProductDetailJSON: Encodable, Sendable {
    let detail: ProductDetail

    public init(_ detail: ProductDetail) {
        self.detail = detail
    }

    struct Package: Encodable, Sendable {
        var id: String
        var value: String
        var price: String?
        var priceCurrency: String?
    }

    struct Denominations: Encodable, Sendable {
        var packages: [Package]
        var range: ValueRange?
        var currency: String?
    }

    enum CodingKeys: String, CodingKey {
        case summary, typeBasis, recipientType, categories, coverage, image, createdTime, denominations, priceCurrency, firstSeen, updated, gone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(detail.summary, forKey: .summary)
        try container.encode(detail.typeBasis, forKey: .typeBasis)
        try container.encodeIfPresent(detail.recipientType, forKey: .recipientType)
        try container.encode(detail.categories, forKey: .categories)
        try container.encode(detail.coverage, forKey: .coverage)
        try container.encodeIfPresent(detail.image, forKey: .image)
        try container.encodeIfPresent(detail.createdTime, forKey: .createdTime)
        let packages = detail.denominations.packages.map { package in
            let price = detail.price(of: package)
            return Package(id: package.id, value: package.value, price: price?.decimalString, priceCurrency: price?.currency.code)
        }
        try container.encode(Denominations(packages: packages, range: detail.denominations.range, currency: detail.denominations.currency), forKey: .denominations)
        try container.encodeIfPresent(detail.priceCurrency, forKey: .priceCurrency)
        try container.encode(detail.firstSeen, forKey: .firstSeen)
        try container.encode(detail.updated, forKey: .updated)
        try container.encodeIfPresent(detail.gone, forKey: .gone)
    }
}
