import BitrefillAPI
import Foundation
import StorefrontDomain

/// Turns a product as the API sent it into the records the cache keeps: text sanitised, codes upper-cased and
/// checked, the type classified, missing stock read as in stock, and a content hash to compare refreshes by.
enum ProductNormalizer {
    /// `coverage` comes from the eSIM plan listing when the product listing did not send it.
    static func records(for product: Product, isESIMPlan: Bool, coverage listedCoverage: [String] = [],
                        at now: Date) -> ProductRecordSet {
        let name = cleaned(product.name) ?? cleaned(product.id) ?? product.id
        let categories = unique(product.categories.compactMap(cleaned))
        let coverage = unique((product.coverage.isEmpty ? listedCoverage : product.coverage).compactMap(countryCode))
        let classification = ProductClassifier.classify(ProductSignals(
            declaredType: product.type, recipientType: product.recipientType, categories: categories,
            isESIMPlan: isESIMPlan || !coverage.isEmpty))
        let packages = product.packages.enumerated().map { position, package in
            PackageRecord(position: position, packageID: package.id, value: cleaned(package.value) ?? "",
                          price: package.price, amount: package.amount.map { "\($0)" })
        }
        let range = product.range.map { range in
            RangeRecord(min: "\(range.min)", max: "\(range.max)", step: "\(range.step)",
                        priceRateMicros: range.priceRate.flatMap(micros))
        }
        var record = ProductRecord(
            id: product.id, name: name, nameKey: SearchText.fold(name), type: classification.type,
            typeBasis: classification.basis, countryCode: product.countryCode.flatMap(countryCode),
            currency: product.currency.flatMap(cleaned)?.uppercased(), recipientType: product.recipientType,
            image: product.image.flatMap(cleaned), inStock: product.inStock ?? true,
            createdTime: product.createdTime.flatMap(cleaned), contentHash: 0, firstSeen: now, updated: now)
        let countryName = product.countryName.flatMap(cleaned)
        record.contentHash = contentHash(record, countryName: countryName, packages: packages, range: range,
                                         categories: categories, coverage: coverage)
        return ProductRecordSet(product: record, countryName: countryName, packages: packages, range: range,
                                categories: categories, coverage: coverage)
    }

    static func contentHash(_ record: ProductRecord, countryName: String?, packages: [PackageRecord], range: RangeRecord?,
                            categories: [String], coverage: [String]) -> Int64 {
        var hash = ContentHash()
        for field in [record.id, record.name, record.type.rawValue, record.typeBasis.rawValue, record.countryCode,
                      countryName, record.currency, record.recipientType?.rawValue, record.image, record.createdTime] {
            hash.add(field)
        }
        hash.add(record.inStock)
        for package in packages {
            hash.add(package.packageID)
            hash.add(package.value)
            hash.add(package.price)
            hash.add(package.amount)
        }
        hash.endList()
        hash.add(range?.min)
        hash.add(range?.max)
        hash.add(range?.step)
        hash.add(range?.priceRateMicros)
        categories.forEach { hash.add($0) }
        hash.endList()
        coverage.forEach { hash.add($0) }
        hash.endList()
        return hash.signed
    }

    /// Sanitised and trimmed; nil when nothing is left.
    static func cleaned(_ text: String) -> String? {
        let clean = trimmed(Sanitizer.clean(text))
        return clean.isEmpty ? nil : clean
    }

    /// Without leading and trailing whitespace. Foundation's `trimmingCharacters(in:)` goes through NSString
    /// and was a twentieth of a refresh's time.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return first == text.startIndex && last == text.index(before: text.endIndex) ? text : String(text[first...last])
    }

    /// Two ASCII letters, upper-cased; anything else is not a country code the catalog can filter by.
    static func countryCode(_ text: String) -> String? {
        let code = trimmed(text).uppercased()
        guard code.utf8.count == 2, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else { return nil }
        return code
    }

    /// A rate such as 1666.33 as an integer in millionths, so prices stay integers.
    static func micros(_ rate: Decimal) -> Int64? {
        var scaled = rate * 1_000_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded.magnitude < Decimal(Int64.max) else { return nil }
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
