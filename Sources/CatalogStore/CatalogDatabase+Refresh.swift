import Foundation
import GRDB
import StorefrontDomain

/// What the cache holds of one product, enough to tell whether a refresh must write it.
struct KnownProduct: Sendable, Hashable {
    var key: Int64
    var contentHash: Int64
    var isGone: Bool
}

/// The state a refresh starts from.
struct RefreshBaseline: Sendable {
    var metadata: CatalogMetadata?
    /// Every product of the cache, gone ones included, by id.
    var known: [String: KnownProduct]
}

/// The end of a refresh, written in one transaction.
struct RefreshCompletion: Sendable {
    var source: CatalogSource
    /// Products to write now: all of a refresh's changes when it replaces the catalog at once, none when a
    /// first fill stored its pages as they came.
    var changes: [ProductRecordSet]
    /// Products the API no longer lists, to mark gone.
    var vanished: [Int64]
    var dialect: CatalogDialect?
    var accountCurrency: String?
    var started: Date
    var completed: Date
    var productCount: Int
}

/// The writes of a refresh, named for what they mean. Two ways to refresh exist: a cache that holds a complete
/// catalog of the same source gets every change in one transaction at the end (`applyRefresh`), so a failure
/// anywhere leaves it as it was; an empty or incomplete cache is filled as pages come (`beginFill`, `store`)
/// so browsing can start before the last page arrives.
extension CatalogDatabase {
    func refreshBaseline() async throws -> RefreshBaseline {
        try await writer.read { db in
            var known: [String: KnownProduct] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, key, content_hash, gone IS NOT NULL FROM product")
            while let row = try rows.next() {
                known[row[0]] = KnownProduct(key: row[1], contentHash: row[2], isGone: row[3])
            }
            return RefreshBaseline(metadata: try Self.metadata(db), known: known)
        }
    }

    /// Records that a fill of `source` has started (the catalog is incomplete until
    /// `applyRefresh`). A catalog of another source is dropped first: it must never answer for this one.
    func beginFill(of source: CatalogSource, at date: Date, droppingOtherSource: Bool) async throws {
        try await write { db in
            if droppingOtherSource {
                try db.execute(sql: "DELETE FROM product_search; DELETE FROM product; DELETE FROM country")
            }
            try db.execute(sql: """
                INSERT INTO catalog_source (id, api_url, account, last_started, last_completed, product_count)
                VALUES (1, ?, ?, ?, NULL, 0)
                ON CONFLICT (id) DO UPDATE SET api_url = excluded.api_url, account = excluded.account,
                    last_started = excluded.last_started, last_completed = NULL, dialect = NULL
                """, arguments: [source.apiURL, source.account, DatabaseTime.milliseconds(date)])
        }
    }

    /// Writes new and changed products of a fill in their own transaction.
    func store(_ sets: [ProductRecordSet]) async throws {
        guard !sets.isEmpty else { return }
        try await write { db in try db.store(sets) }
    }

    /// Finishes a refresh in one transaction: writes the changes, marks vanished products gone, and records
    /// the source as complete. Returns how many products were marked gone.
    @discardableResult
    func applyRefresh(_ completion: RefreshCompletion) async throws -> Int {
        try await write { db in
            try db.store(completion.changes)
            let gone = try db.markGone(completion.vanished, at: completion.completed)
            try db.execute(sql: """
                INSERT INTO catalog_source (id, api_url, account, dialect, account_currency, last_started, last_completed,
                                            product_count)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET api_url = excluded.api_url, account = excluded.account,
                    dialect = excluded.dialect, account_currency = excluded.account_currency,
                    last_started = excluded.last_started, last_completed = excluded.last_completed,
                    product_count = excluded.product_count
                """, arguments: [completion.source.apiURL, completion.source.account, completion.dialect?.rawValue,
                                 completion.accountCurrency, DatabaseTime.milliseconds(completion.started),
                                 DatabaseTime.milliseconds(completion.completed), completion.productCount])
            return gone
        }
    }
}

extension Database {
    /// Inserts or replaces each product with its children and its search row.
    func store(_ sets: [ProductRecordSet]) throws {
        let upsert = try cachedStatement(sql: ProductRecord.upsertSQL)
        let insertCountry = try cachedStatement(sql: "INSERT OR IGNORE INTO country (code, name) VALUES (?, ?)")
        let clearChildren = try [
            "DELETE FROM package WHERE product_key = ?", "DELETE FROM value_range WHERE product_key = ?",
            "DELETE FROM product_category WHERE product_key = ?", "DELETE FROM esim_coverage WHERE product_key = ?",
            "DELETE FROM product_search WHERE rowid = ?",
        ].map { try cachedStatement(sql: $0) }
        let insertPackage = try cachedStatement(sql: PackageRecord.insertSQL)
        let insertRange = try cachedStatement(sql: RangeRecord.insertSQL)
        let insertCategory = try cachedStatement(sql: "INSERT INTO product_category (product_key, position, category) VALUES (?, ?, ?)")
        let insertCoverage = try cachedStatement(sql: "INSERT OR IGNORE INTO esim_coverage (product_key, country_code) VALUES (?, ?)")
        let insertSearch = try cachedStatement(sql: "INSERT INTO product_search (rowid, name, code, categories, place, facets) VALUES (?, ?, ?, ?, ?, ?)")

        for set in sets {
            for code in set.countries {
                let name = (code == set.product.countryCode ? set.countryName : nil) ?? CountryNames.name(of: code) ?? code
                try insertCountry.execute(arguments: [code, name])
            }
            guard let key = try Int64.fetchOne(upsert, arguments: set.product.upsertArguments) else { continue }
            for statement in clearChildren { try statement.execute(arguments: [key]) }
            for package in set.packages { try insertPackage.execute(arguments: package.insertArguments(productKey: key)) }
            if let range = set.range { try insertRange.execute(arguments: range.insertArguments(productKey: key)) }
            for (position, category) in set.categories.enumerated() {
                try insertCategory.execute(arguments: [key, position, category])
            }
            for code in set.coverage { try insertCoverage.execute(arguments: [key, code]) }
            try insertSearch.execute(arguments: StatementArguments([key]) + StatementArguments(set.searchDocument))
        }
    }

    /// Marks products gone (kept for history, out of listings and search); returns how many were live.
    func markGone(_ keys: [Int64], at date: Date) throws -> Int {
        let mark = try cachedStatement(sql: "UPDATE product SET gone = ? WHERE key = ? AND gone IS NULL")
        let unindex = try cachedStatement(sql: "DELETE FROM product_search WHERE rowid = ?")
        var count = 0
        let time = DatabaseTime.milliseconds(date)
        for key in keys {
            try mark.execute(arguments: [time, key])
            count += changesCount
            try unindex.execute(arguments: [key])
        }
        return count
    }
}
