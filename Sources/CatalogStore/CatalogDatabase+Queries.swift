import Foundation
import GRDB
import StorefrontDomain

/// The reads the UI and the CLI ask for. Gone products are left out of listings, counts and search; `product(id:)`
/// still finds them, marked, for history.
extension CatalogDatabase {
    /// Where the catalog came from and how fresh it is; nil before the first refresh started.
    public func metadata() throws(CatalogStoreError) -> CatalogMetadata? {
        try read(Self.metadata)
    }

    static func metadata(_ db: Database) throws -> CatalogMetadata? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM catalog_source WHERE id = 1") else { return nil }
        return CatalogMetadata(
            source: CatalogSource(apiURL: row["api_url"], account: row["account"]),
            dialect: (row["dialect"] as String?).flatMap(CatalogDialect.init(rawValue:)),
            accountCurrency: row["account_currency"], lastStarted: DatabaseTime.date(row["last_started"]),
            lastCompleted: (row["last_completed"] as Int64?).map(DatabaseTime.date), productCount: row["product_count"])
    }

    /// Products still listed by the API.
    public func liveProductCount() throws(CatalogStoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM product WHERE gone IS NULL") ?? 0 }
    }

    /// Every country with live products, by name, with counts per type; eSIM plans count in each country
    /// they cover.
    public func countries() throws(CatalogStoreError) -> [CountrySummary] {
        try read { db in
            // Two groupings merged here rather than one over a UNION: the union would be materialised row by
            // row, ten times slower than counting along the indexes.
            let names = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT code, name FROM country")
                .map { ($0[0] as String, $0[1] as String) })
            var byCode: [String: CountrySummary] = [:]
            for sql in [
                "SELECT country_code, type, count(*) FROM product WHERE gone IS NULL AND country_code IS NOT NULL GROUP BY 1, 2",
                """
                SELECT e.country_code, p.type, count(*) FROM esim_coverage e JOIN product p ON p.key = e.product_key
                WHERE p.gone IS NULL AND e.country_code IS NOT p.country_code GROUP BY 1, 2
                """,
            ] {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    let code: String = row[0]
                    byCode[code, default: CountrySummary(code: code, name: names[code] ?? code)].add(row[2], of: ProductType(rawValue: row[1]))
                }
            }
            return byCode.values.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        }
    }

    /// Live products per type and in all, each once: the "All countries" row, which agrees with the list.
    public func totals() throws(CatalogStoreError) -> CatalogTotals {
        try read { db in
            var byType: [ProductType: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT type, count(*) FROM product WHERE gone IS NULL GROUP BY 1") {
                byType[ProductType(rawValue: row[0]), default: 0] += row[1] as Int
            }
            return CatalogTotals(byType: byType, all: byType.values.reduce(0, +))
        }
    }

    /// The codes of every country the catalog has listed products for, sorted: what a country filter accepts.
    public func countryCodes() throws(CatalogStoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT code FROM country ORDER BY code") }
    }

    /// A page of products matching `query`: by name when there is no search text, by relevance when there is
    /// (see `CatalogDatabase+Search`).
    public func products(_ query: CatalogQuery) throws(CatalogStoreError) -> ProductPage {
        var items: [ProductSummary] = []
        let total = try forEachProduct(query) { items.append($0) }
        return ProductPage(items: items, totalCount: total, offset: query.offset)
    }

    /// Hands each product matching `query` to `body` in order, holding none of them: how a whole catalog is
    /// listed in little memory. Returns how many products match in all.
    @discardableResult
    public func forEachProduct(_ query: CatalogQuery, _ body: (ProductSummary) throws -> Void) throws(CatalogStoreError) -> Int {
        let words = SearchText.searchWords(query.text)
        return try read { db in
            words.isEmpty ? try Self.browse(db, query, body) : try Self.search(db, query, words: words, body)
        }
    }

    /// eSIM plans that work in `country`, by name.
    public func esimPlans(covering country: String) throws(CatalogStoreError) -> [ProductSummary] {
        try products(CatalogQuery(country: country, type: .esim, limit: nil)).items
    }

    /// One product with its denominations, gone or not; nil when the cache never saw it.
    public func product(id: String) throws(CatalogStoreError) -> ProductDetail? {
        try read { db in
            guard let record = try ProductRecord.fetchOne(db, sql: "SELECT * FROM product WHERE id = ?", arguments: [id]),
                  let key = record.key
            else { return nil }
            let packages = try Row.fetchAll(db, sql: "SELECT package_id, value, price FROM package WHERE product_key = ? ORDER BY position",
                                            arguments: [key]).map { PackageOption(id: $0[0], value: $0[1], price: $0[2]) }
            let range = try Row.fetchOne(db, sql: "SELECT min, max, step, price_rate_micros FROM value_range WHERE product_key = ?",
                                         arguments: [key])
                .flatMap { RangeRecord(min: $0[0], max: $0[1], step: $0[2], priceRateMicros: $0[3]).valueRange }
            let categories = try String.fetchAll(db, sql: "SELECT category FROM product_category WHERE product_key = ? ORDER BY position",
                                                 arguments: [key])
            let coverage = try String.fetchAll(db, sql: "SELECT country_code FROM esim_coverage WHERE product_key = ? ORDER BY country_code",
                                               arguments: [key])
            let countryName = try record.countryCode.flatMap {
                try String.fetchOne(db, sql: "SELECT name FROM country WHERE code = ?", arguments: [$0])
            }
            let summary = ProductSummary(id: record.id, name: record.name, type: record.type, countryCode: record.countryCode,
                                         countryName: countryName, currency: record.currency, inStock: record.inStock,
                                         packageValues: packages.map(\.value), range: range)
            return ProductDetail(summary: summary, typeBasis: record.typeBasis, recipientType: record.recipientType,
                                 categories: categories, coverage: coverage, image: record.image,
                                 createdTime: record.createdTime,
                                 denominations: Denominations(packages: packages, range: range, currency: record.currency),
                                 priceCurrency: try Self.metadata(db)?.accountCurrency,
                                 firstSeen: record.firstSeen, updated: record.updated, gone: record.gone)
        }
    }

    /// Live products by name, filtered; returns how many match.
    static func browse(_ db: Database, _ query: CatalogQuery, _ body: (ProductSummary) throws -> Void) throws -> Int {
        try byName(db, query, within: ProductFilter(query), body)
    }

    /// Products of `filter` by name, a page of them to `body`; returns how many there are in all.
    static func byName(_ db: Database, _ query: CatalogQuery, within filter: ProductFilter,
                       _ body: (ProductSummary) throws -> Void) throws -> Int {
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM product p WHERE \(filter.sql)", arguments: filter.arguments) ?? 0
        if query.offset < total {
            try ProductSummaryRow.forEach(
                db, keys: "SELECT p.key AS key, p.name_key AS name_key FROM product p WHERE \(filter.sql) ORDER BY p.name_key, p.key LIMIT ? OFFSET ?",
                order: "top.name_key, top.key", arguments: filter.arguments + [query.limit ?? -1, query.offset], body)
        }
        return total
    }
}

/// The WHERE clause (over `product p`) of a query's filters: live products, of the type, in stock, sold in the
/// country (its own, or covered by an eSIM plan).
struct ProductFilter {
    var conditions = ["p.gone IS NULL"]
    var arguments: StatementArguments = []

    init(_ query: CatalogQuery) {
        if let type = query.type {
            conditions.append("p.type = ?")
            arguments += [type.rawValue]
        }
        if query.inStockOnly { conditions.append("p.in_stock = 1") }
        if let country = query.country {
            conditions.append("""
                p.key IN (SELECT key FROM product WHERE country_code = ? AND gone IS NULL
                          UNION SELECT product_key FROM esim_coverage WHERE country_code = ?)
                """)
            arguments += [country, country]
        }
    }

    /// Also: the folded name starts with `prefix` (a range of the name index).
    func named(startingWith prefix: String) -> ProductFilter {
        var filter = self
        filter.conditions.append("p.name_key >= ? AND p.name_key < ?")
        filter.arguments += [prefix, prefix + "\u{10FFFF}"]
        return filter
    }

    var sql: String { conditions.joined(separator: " AND ") }
}

/// Reads `ProductSummary` values: the product, its country's name, its range and its package values (joined
/// with the unit separator, which sanitised text never holds).
enum ProductSummaryRow {
    static let columns = """
        p.id, p.name, p.type, p.country_code, c.name, p.currency, p.in_stock,
        r.min, r.max, r.step, r.price_rate_micros,
        (SELECT group_concat(value, char(31)) FROM package WHERE product_key = p.key)
        """

    /// Hands `body` each product that `keys` selects, in the order `order` gives (over `top`, the rows of `keys`);
    /// returns how many there were. `keys` returns a `key` column and the columns `order` sorts by, with its own
    /// ORDER BY and LIMIT: the summary columns (a join and a subquery per row) are then computed only for the
    /// page asked for, not for every candidate a sort had to look at.
    @discardableResult
    static func forEach(_ db: Database, keys: String, order: String, arguments: StatementArguments,
                        _ body: (ProductSummary) throws -> Void) throws -> Int {
        let sql = """
            SELECT \(columns) FROM (\(keys)) AS top
            JOIN product p ON p.key = top.key
            LEFT JOIN country c ON c.code = p.country_code
            LEFT JOIN value_range r ON r.product_key = p.key
            ORDER BY \(order)
            """
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var count = 0
        while let row = try cursor.next() {
            try body(summary(row))
            count += 1
        }
        return count
    }

    static func summary(_ row: Row) -> ProductSummary {
        let range: ValueRange? = (row[7] as String?).flatMap { min in
            RangeRecord(min: min, max: row[8], step: row[9], priceRateMicros: row[10]).valueRange
        }
        let values = (row[11] as String?).map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) } ?? []
        return ProductSummary(id: row[0], name: row[1], type: ProductType(rawValue: row[2]), countryCode: row[3],
                              countryName: row[4], currency: row[5], inStock: row[6], packageValues: values, range: range)
    }
}
