import GRDB
import StorefrontDomain

/// Free-text search over the full-text index, fast enough for one query per keystroke.
///
/// Every word typed must match the start of a word of the name, the id, a category or the country (FTS5
/// prefix queries; case and accents folded by the `unicode61 remove_diacritics 2` tokenizer). Filters are
/// words of the index's `facets` column, so a filtered search is still one index lookup.
///
/// Ranking: products whose whole name starts with the search text come first, then by bm25 (name weighted 10,
/// id 4, categories and country 2), then by name. bm25 must look at every match (its IDF counts them), about a
/// microsecond each; so when more than `rankedCandidates` products match (one or two letters over a large
/// catalog: "g" matches every gift card), the ranking is by name instead: the products whose name starts with
/// the text, alphabetically (read off the name index), then the other matches in catalog order.
extension CatalogDatabase {
    static let rankedCandidates = 500

    static func search(_ db: Database, _ query: CatalogQuery, words: [String], _ body: (ProductSummary) throws -> Void) throws -> Int {
        let match = matchExpression(words: words, query: query)
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM product_search WHERE product_search MATCH ?",
                                     arguments: [match]) ?? 0
        let prefix = words.joined(separator: " ")
        if total <= rankedCandidates {
            try ProductSummaryRow.forEach(
                db,
                keys: """
                    SELECT hit.key AS key, substr(p.name_key, 1, ?) = ? AS starts, hit.score AS score, p.name_key AS name_key
                    FROM (SELECT rowid AS key, bm25(product_search, 10.0, 4.0, 2.0, 2.0, 0.0) AS score
                          FROM product_search WHERE product_search MATCH ?) AS hit
                    JOIN product p ON p.key = hit.key
                    ORDER BY starts DESC, score, name_key, key LIMIT ? OFFSET ?
                    """,
                order: "top.starts DESC, top.score, top.name_key, top.key",
                arguments: [prefix.unicodeScalars.count, prefix, match, query.limit ?? -1, query.offset],
                body)
            return total
        }

        let starting = ProductFilter(query).named(startingWith: prefix)
        let wanted = query.limit ?? Int.max
        var delivered = 0
        let startingCount = try byName(db, query, within: starting) { summary in
            delivered += 1
            try body(summary)
        }
        if delivered < wanted, total > startingCount {
            try ProductSummaryRow.forEach(
                db,
                keys: """
                    SELECT rowid AS key FROM product_search
                    WHERE product_search MATCH ? AND rowid NOT IN (SELECT p.key FROM product p WHERE \(starting.sql))
                    ORDER BY rowid LIMIT ? OFFSET ?
                    """,
                order: "top.key",
                arguments: [match] + starting.arguments + [wanted == Int.max ? -1 : wanted - delivered, max(0, query.offset - startingCount)],
                body)
        }
        return total
    }

    /// `"amaz"* "gi"* AND "\u{E000}cus" AND "\u{E000}tesim"`. Words come from `SearchText`, letters and digits
    /// only, so quoting them is enough to keep FTS5 syntax out of the query; they can never match a facet, whose
    /// words start with a private-use character (see `SearchFacet`).
    static func matchExpression(words: [String], query: CatalogQuery) -> String {
        var terms = words.map { "\"\($0)\"*" }
        if let country = query.country { terms.append("\"\(SearchFacet.country(country))\"") }
        if let type = query.type { terms.append("\"\(SearchFacet.type(type))\"") }
        if query.inStockOnly { terms.append("\"\(SearchFacet.inStock)\"") }
        return terms.joined(separator: " AND ")
    }
}
