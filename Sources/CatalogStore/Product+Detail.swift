import BitrefillAPI
import Foundation
import StorefrontDomain

extension Product {
    /// The product as the cache would show it, for one read straight from the API: a phone operator or an eSIM
    /// plan the cache has not caught up with yet. Normalised exactly as a refresh would write it.
    /// `accountCurrency` is what package prices are in (the cache's metadata knows it).
    public func detail(isESIMPlan: Bool, accountCurrency: String?, at now: Date) -> ProductDetail {
        let set = ProductNormalizer.records(for: self, isESIMPlan: isESIMPlan, at: now)
        let record = set.product
        let packages = set.packages.map { PackageOption(id: $0.packageID, value: $0.value, price: $0.price) }
        let range = set.range?.valueRange
        let summary = ProductSummary(id: record.id, name: record.name, type: record.type, countryCode: record.countryCode,
                                     countryName: set.countryName ?? record.countryCode.flatMap(CountryNames.name(of:)),
                                     currency: record.currency, inStock: record.inStock, packageValues: packages.map(\.value), range: range)
        return ProductDetail(summary: summary, typeBasis: record.typeBasis, recipientType: record.recipientType, categories: set.categories,
                             coverage: set.coverage, image: record.image, createdTime: record.createdTime,
                             denominations: Denominations(packages: packages, range: range, currency: record.currency),
                             priceCurrency: accountCurrency, firstSeen: now, updated: now)
    }
}
