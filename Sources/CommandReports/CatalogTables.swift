import Foundation
import StorefrontDomain

/// The catalog's tables and detail text as the CLI prints them. Pure: rows in, lines out, at a given width.
/// Ids are cleaned for display (the cache keeps them as sent); everything else is already clean.
public enum CatalogTables {
    /// The id is never cut (it is what `catalog show` takes); other columns give way first.
    public static let productColumns = [
        TextTable.Column("ID", priority: 8),
        TextTable.Column("NAME", flexible: true, minimumWidth: 12, priority: 9),
        TextTable.Column("TYPE", priority: 5),
        TextTable.Column("COUNTRY", priority: 6),
        TextTable.Column("STOCK", priority: 3),
        TextTable.Column("FACE VALUES", flexible: true, minimumWidth: 10, priority: 4),
    ]

    public static func productRow(_ product: ProductSummary) -> [String] {
        [Sanitizer.clean(product.id), product.name, shortName(product.type), product.countryCode ?? "-",
         product.inStock ? "yes" : "no", product.faceValues]
    }

    public static let countryColumns = [
        TextTable.Column("CODE", priority: 9),
        TextTable.Column("COUNTRY", flexible: true, minimumWidth: 10, priority: 8),
        TextTable.Column("GIFT CARDS", alignment: .right, priority: 7),
        TextTable.Column("TOP-UPS", alignment: .right, priority: 6),
        TextTable.Column("ESIMS", alignment: .right, priority: 5),
        TextTable.Column("BILLS", alignment: .right, priority: 4),
        TextTable.Column("TOTAL", alignment: .right, priority: 8),
    ]

    public static func countryRow(_ country: CountrySummary) -> [String] {
        [country.code, country.name] + [country.giftCards, country.phoneRefills, country.esims, country.billPayments, country.total]
            .map { Money.grouped(Int64($0)) }
    }

    public static let packageColumns = [
        TextTable.Column("PACKAGE ID", priority: 5),
        TextTable.Column("VALUE", flexible: true, minimumWidth: 8, priority: 9),
        TextTable.Column("PRICE", alignment: .right, priority: 8),
    ]

    public static func packageRows(_ product: ProductDetail) -> [[String]] {
        product.denominations.packages.map { package in
            [Sanitizer.clean(package.id), package.value, product.price(of: package)?.formatted ?? package.price.map { Money.grouped($0) } ?? "-"]
        }
    }

    /// A whole table as lines: header, rule, rows.
    public static func render(columns: [TextTable.Column], rows: [[String]], width: Int) -> [String] {
        let table = TextTable(columns: columns, rows: rows, width: width)
        return [table.header, table.rule] + rows.map(table.line)
    }

    /// The detail view of one product: labelled lines, then its packages.
    public static func detail(_ product: ProductDetail, width: Int) -> [String] {
        let summary = product.summary
        var fields: [(String, String)] = [
            ("Product", "\(summary.name) (\(Sanitizer.clean(summary.id)))"),
            ("Type", "\(summary.type.displayName), \(product.typeBasis.explanation)"),
            ("Country", [summary.countryCode, summary.countryName].compactMap { $0 }.joined(separator: " ").ifEmpty("-")),
            ("In stock", summary.inStock ? "yes" : "no"),
            ("Currency", summary.currency ?? "-"),
        ]
        if let recipient = product.recipientType { fields.append(("Recipient", recipient.rawValue)) }
        if !product.categories.isEmpty { fields.append(("Categories", product.categories.joined(separator: ", "))) }
        if !product.coverage.isEmpty { fields.append(("Coverage", product.coverage.joined(separator: ", "))) }
        fields.append(("Choose", product.denominations.allowedDescription))
        if let range = product.denominations.range, let price = range.price(of: 1), let currency = product.priceCurrency {
            fields.append(("Price", "about \(Money(minorUnits: price, currency: .named(currency)).formatted) per 1 \(summary.currency ?? "unit")"))
        }
        if let gone = product.gone {
            fields.append(("Gone", "no longer listed by the API since \(timestamp(gone)); kept for history"))
        }
        fields.append(("Updated", timestamp(product.updated)))
        let label = (fields.map { DisplayWidth.of($0.0) }.max() ?? 0) + 1
        var lines = fields.map { name, value in
            DisplayWidth.truncate((name + ":").padding(toLength: label, withPad: " ", startingAt: 0) + " " + value, to: width)
        }
        if !product.denominations.packages.isEmpty {
            lines.append("")
            lines += render(columns: packageColumns, rows: packageRows(product), width: width)
        }
        return lines
    }

    /// "gift card", "top-up", "eSIM", "bill": short enough for a table column.
    static func shortName(_ type: ProductType) -> String {
        switch type {
        case .giftCard: "gift card"
        case .phoneRefill: "top-up"
        case .esim: "eSIM"
        case .billPayment: "bill"
        case .unknown(let word): Sanitizer.clean(word)
        }
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
