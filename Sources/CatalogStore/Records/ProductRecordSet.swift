import StorefrontDomain


/// One product with everything that hangs off it, ready to write: the unit a refresh compares and replaces.
struct ProductRecordSet: Sendable, Hashable {
    var product: ProductRecord
    /// The country's name as the API sent it; the `country` table falls back to `CountryNames`.
    var countryName: String?
    var packages: [PackageRecord]
    var range: RangeRecord?
    var categories: [String]
    /// eSIM plans: covered countries, ISO alpha-2.
    var coverage: [String]

    var id: String { product.id }
    var contentHash: Int64 { product.contentHash }

    /// Every country the product is sold in: its own and, for eSIM plans, those it covers.
    var countries: [String] {
        var codes = coverage
        if let code = product.countryCode, !codes.contains(code) { codes.insert(code, at: 0) }
        return codes
    }

    /// The text the full-text index holds for the product, column by column (see the schema).
    var searchDocument: [String] {
        let place = [product.countryCode, countryName ?? product.countryCode.flatMap(CountryNames.name(of:))]
            .compactMap { $0 }.joined(separator: " ")
        return [product.name, product.id, categories.joined(separator: " "), place, facets.joined(separator: " ")]
    }

    /// Filter words in the index's `facets` column, so a search with filters is one index lookup: one per
    /// country, one for the type, one when in stock (see `SearchFacet`).
    var facets: [String] {
        var words = countries.map { SearchFacet.country($0) }
        words.append(SearchFacet.type(product.type))
        if product.inStock { words.append(SearchFacet.inStock) }
        return words
    }
}

/// The words of the index's `facets` column. Each starts with U+E000, a private-use character: the tokenizer
/// keeps it as part of the word, nobody types it, and so a prefix search ("c", "t", "i") never wades through
/// every product's facets.
enum SearchFacet {
    static let mark = "\u{E000}"
    static let inStock = mark + "instock"

    static func country(_ code: String) -> String { mark + "c" + code.lowercased() }

    static func type(_ type: ProductType) -> String {
        mark + "t" + type.rawValue.lowercased().filter { $0.isLetter }
    }
}
