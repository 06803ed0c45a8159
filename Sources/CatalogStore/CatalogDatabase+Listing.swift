import GRDB
import GRDBSQLite
import StorefrontDomain

/// Whole listings (`storefront catalog list`), at the speed of the disk.
///
/// A large listing reads each table once in the order it is stored instead of looking anything up per product:
/// the products from the `product_listing` index (which holds every column a listing shows, in name order), all
/// packages and ranges by product, the countries; and it copies cells as bytes, never a `String` per cell. A
/// search is the full-text match's rowids as a bit set, tested during that scan. Small results (and pages) go
/// the general way of `forEachProduct`; both give the same products in the same order.
extension CatalogDatabase {
    /// Every product matching `query`, in the order `forEachProduct` hands them out. Whole tables are scanned
    /// when more than `bulkAbove` products match (and, for a search, more than are ranked by relevance); by
    /// default when more than an eighth of the catalog does: a product looked up costs about eight rows scanned.
    public func listing(_ query: CatalogQuery, bulkAbove: Int? = nil) throws(CatalogStoreError) -> ProductListing {
        let words = SearchText.searchWords(query.text)
        return try read { db in
            if query.limit == nil, query.offset == 0 {
                // Counting the catalog reads every page of an index, so it is done only when the match is large.
                func threshold() throws -> Int {
                    try bulkAbove ?? (Int.fetchOne(db, sql: "SELECT count(*) FROM product WHERE gone IS NULL") ?? 0) / 8
                }
                if words.isEmpty {
                    let filter = ProductFilter(query)
                    let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM product p WHERE \(filter.sql)", arguments: filter.arguments) ?? 0
                    if try total > threshold() { return try Self.withSmallPageCache(db) { try Self.bulkBrowse(db, filter, total: total) } }
                } else {
                    let match = Self.matchExpression(words: words, query: query)
                    let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM product_search WHERE product_search MATCH ?", arguments: [match]) ?? 0
                    if total > Self.rankedCandidates, try total > threshold() {
                        return try Self.withSmallPageCache(db) { try Self.bulkSearch(db, query, words: words, match: match, total: total) }
                    }
                }
            }
            var listing = ProductListing()
            listing.total = try words.isEmpty ? Self.browse(db, query) { listing.append(summary: $0) }
                : Self.search(db, query, words: words) { listing.append(summary: $0) }
            return listing
        }
    }

    /// The listing's columns, read off the `product_listing` index without touching the table.
    private static let listingColumns = "SELECT p.key, p.id, p.name, p.type, p.country_code, p.currency, p.in_stock FROM product p"

    private static func bulkBrowse(_ db: Database, _ filter: ProductFilter, total: Int) throws -> ProductListing {
        var listing = ProductListing()
        listing.reserve(total)
        let extras = try ListingExtras.load(db, into: &listing)
        try forEachRawRow(db, sql: "\(listingColumns) WHERE \(filter.sql) ORDER BY p.name_key, p.key", arguments: filter.arguments) {
            listing.appendRow($0, extras)
        }
        listing.total = total
        return listing
    }

    /// As `search` orders more than `rankedCandidates` matches: the products whose name starts with the text, by
    /// name, then the other matches in catalog order.
    private static func bulkSearch(_ db: Database, _ query: CatalogQuery, words: [String], match: String, total: Int) throws -> ProductListing {
        var listing = ProductListing()
        listing.reserve(total)
        let extras = try ListingExtras.load(db, into: &listing)
        let starting = ProductFilter(query).named(startingWith: words.joined(separator: " "))
        var startingKeys = KeySet(maximum: extras.maximumKey)
        try forEachRawRow(db, sql: "\(listingColumns) WHERE \(starting.sql) ORDER BY p.name_key, p.key", arguments: starting.arguments) {
            startingKeys.insert(sqlite3_column_int64($0, 0))
            listing.appendRow($0, extras)
        }
        let startingCount = listing.entries.count
        if total > startingCount {
            var matched = KeySet(maximum: extras.maximumKey)
            try forEachRawRow(db, sql: "SELECT rowid FROM product_search WHERE product_search MATCH ?", arguments: [match]) {
                matched.insert(sqlite3_column_int64($0, 0))
            }
            try forEachRawRow(db, sql: "\(listingColumns) WHERE p.gone IS NULL ORDER BY p.name_key, p.key") { statement in
                let key = sqlite3_column_int64(statement, 0)
                if matched.contains(key), !startingKeys.contains(key) { listing.appendRow(statement, extras) }
            }
            listing.orderByKey(from: startingCount, maximumKey: extras.maximumKey)
        }
        listing.total = total
        return listing
    }

    /// Runs `body` with SQLite's page cache at 256 KiB instead of 2 MiB: scans read each page once, so a
    /// larger cache only holds memory (the listing itself is held in memory already).
    private static func withSmallPageCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        try db.execute(sql: "PRAGMA cache_size = -256")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }

    /// Steps `sql`, handing `body` the raw statement at each row, to read columns with the C API.
    static func forEachRawRow(_ db: Database, sql: String, arguments: StatementArguments = [],
                              _ body: (SQLiteStatement) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while try rows.next() != nil { try body(statement.sqliteStatement) }
    }
}

/// What a listing joins to each product, read a table at a time: package values and ranges by product key, and
/// country names by code. Their text goes into the listing's bytes, which the entries then point into.
struct ListingExtras {
    var maximumKey: Int64 = 0
    /// By product key: the joined package values, and how many.
    var packages: [ProductListing.Span] = []
    var packageCounts: [Int32] = []
    /// By product key: an index into the listing's `ranges`, or -1.
    var rangeIndex: [Int32] = []
    /// By the two bytes of a country code; codes of other lengths (two characters, not ASCII) by text.
    var countries: [UInt16: ProductListing.Span] = [:]
    var otherCountries: [String: ProductListing.Span] = [:]

    static func load(_ db: Database, into listing: inout ProductListing) throws -> ListingExtras {
        var extras = ListingExtras()
        let maximumKey = try Int64.fetchOne(db, sql: "SELECT max(key) FROM product") ?? 0
        extras.maximumKey = max(0, maximumKey)
        let slots = Int(extras.maximumKey) + 1
        extras.packages = Array(repeating: .null, count: slots)
        extras.packageCounts = Array(repeating: 0, count: slots)
        extras.rangeIndex = Array(repeating: -1, count: slots)

        var current: Int64 = -1
        var start = 0
        var count: Int32 = 0
        func finishProduct() {
            guard current >= 0 else { return }
            extras.packages[Int(current)] = ProductListing.Span(start: Int32(start), count: Int32(listing.bytes.count - start))
            extras.packageCounts[Int(current)] = count
        }
        try CatalogDatabase.forEachRawRow(db, sql: "SELECT product_key, value FROM package ORDER BY product_key, position") { statement in
            let key = sqlite3_column_int64(statement, 0)
            guard key >= 0, key <= extras.maximumKey else { return }
            if key != current {
                finishProduct()
                current = key
                start = listing.bytes.count
                count = 0
            } else {
                listing.bytes.append(0x1F)
            }
            listing.bytes.append(contentsOf: ProductListing.columnText(statement, 1))
            count += 1
        }
        finishProduct()

        try CatalogDatabase.forEachRawRow(db, sql: "SELECT product_key, min, max, step, price_rate_micros FROM value_range") { statement in
            let key = sqlite3_column_int64(statement, 0)
            guard key >= 0, key <= extras.maximumKey else { return }
            let rate = sqlite3_column_type(statement, 4) == SQLITE_NULL ? nil : Optional(sqlite3_column_int64(statement, 4))
            let bounds = (1...3).map { ProductListing.columnText(statement, Int32($0)) }
            let spans: [ProductListing.Span]
            if bounds.allSatisfy(ProductListing.isCanonicalDecimal) {
                spans = bounds.map { listing.append($0) }
            } else {
                let text = bounds.map { String(decoding: $0, as: UTF8.self) }
                guard let range = RangeRecord(min: text[0], max: text[1], step: text[2], priceRateMicros: rate).valueRange else { return }
                spans = [range.min, range.max, range.step].map { listing.append("\($0)") }
            }
            extras.rangeIndex[Int(key)] = Int32(listing.ranges.count)
            listing.ranges.append(ProductListing.RangeText(min: spans[0], max: spans[1], step: spans[2], priceRateMicros: rate))
        }

        try CatalogDatabase.forEachRawRow(db, sql: "SELECT code, name FROM country") { statement in
            let code = ProductListing.columnText(statement, 0)
            if code.count == 2 {
                extras.countries[UInt16(code[0]) << 8 | UInt16(code[1])] = listing.append(column: 1, of: statement)
            } else {
                extras.otherCountries[String(decoding: code, as: UTF8.self)] = listing.append(column: 1, of: statement)
            }
        }
        return extras
    }
}

extension ProductListing {
    /// The bytes of a text column of the current row (empty for NULL), valid until the statement moves on.
    static func columnText(_ statement: SQLiteStatement, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let pointer = sqlite3_column_text(statement, column)
        return UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_column_bytes(statement, column)))
    }

    mutating func append(column: Int32, of statement: SQLiteStatement) -> Span {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? .null : append(Self.columnText(statement, column))
    }

    /// Appends the product at the statement's current row, whose columns are those of `listingColumns`.
    mutating func appendRow(_ statement: SQLiteStatement, _ extras: ListingExtras) {
        let key = sqlite3_column_int64(statement, 0)
        let countryCode = append(column: 4, of: statement)
        var countryName = Span.null
        if countryCode.count == 2 {
            let code = UInt16(bytes[Int(countryCode.start)]) << 8 | UInt16(bytes[Int(countryCode.start) + 1])
            countryName = extras.countries[code] ?? .null
        } else if !countryCode.isNull {
            countryName = withBytes(countryCode) { extras.otherCountries[String(decoding: $0, as: UTF8.self)] } ?? .null
        }
        let slot: Int? = key >= 0 && key <= extras.maximumKey ? Int(key) : nil
        entries.append(Entry(
            key: key, id: append(column: 1, of: statement), name: append(column: 2, of: statement), type: append(column: 3, of: statement),
            countryCode: countryCode, countryName: countryName, currency: append(column: 5, of: statement),
            inStock: sqlite3_column_int64(statement, 6) != 0,
            packageValues: slot.map { extras.packages[$0] } ?? .null, packageCount: slot.map { extras.packageCounts[$0] } ?? 0,
            range: slot.map { extras.rangeIndex[$0] } ?? -1))
    }
}

extension ProductListing {
    /// Puts the entries from `start` on in key order (catalog order): a placement by key, which is dense, rather
    /// than a sort.
    mutating func orderByKey(from start: Int, maximumKey: Int64) {
        var positions = [Int32](repeating: -1, count: Int(max(0, maximumKey)) + 1)
        for index in start..<entries.count where entries[index].key >= 0 && entries[index].key <= maximumKey {
            positions[Int(entries[index].key)] = Int32(index)
        }
        var ordered: [Entry] = []
        ordered.reserveCapacity(entries.count - start)
        for position in positions where position >= 0 { ordered.append(entries[Int(position)]) }
        guard ordered.count == entries.count - start else { return entries[start...].sort { $0.key < $1.key } }
        entries.replaceSubrange(start..., with: ordered)
    }
}

/// A set of product keys as bits: membership in a few instructions, for testing every row of a scan.
struct KeySet {
    private var words: [UInt64]

    init(maximum: Int64) {
        words = Array(repeating: 0, count: Int(max(0, maximum)) / 64 + 1)
    }

    mutating func insert(_ key: Int64) {
        guard key >= 0, Int(key) / 64 < words.count else { return }
        words[Int(key) / 64] |= 1 << UInt64(key % 64)
    }

    func contains(_ key: Int64) -> Bool {
        key >= 0 && Int(key) / 64 < words.count && words[Int(key) / 64] & (1 << UInt64(key % 64)) != 0
    }
}
