/// A browse or search of the local catalog: filters, free text and a page. Gone products never match.
public struct CatalogQuery: Sendable, Hashable {
    /// ISO alpha-2, upper case. eSIM plans match every country they cover.
    public var country: String?
    public var type: ProductType?
    public var inStockOnly: Bool
    /// Free text: every word must match the start of a word of the name, id, categories or country
    /// (case and accents ignored). Empty means no text filter, listed by name.
    public var text: String
    public var offset: Int
    /// nil for every match (the CLI); the UI asks for a screenful.
    public var limit: Int?

    public init(country: String? = nil, type: ProductType? = nil, inStockOnly: Bool = false, text: String = "",
                offset: Int = 0, limit: Int? = 50) {
        self.country = country?.uppercased()
        self.type = type
        self.inStockOnly = inStockOnly
        self.text = text
        self.offset = max(0, offset)
        self.limit = limit.map { max(0, $0) }
    }
}

/// One page of a query's results, with how many there are in all.
public struct ProductPage: Sendable, Hashable {
    public var items: [ProductSummary]
    public var totalCount: Int
    public var offset: Int

    public init(items: [ProductSummary], totalCount: Int, offset: Int) {
        self.items = items
        self.totalCount = totalCount
        self.offset = offset
    }

    public var hasMore: Bool { offset + items.count < totalCount }
}

/// A filter value the catalog does not know, with the values it does.
public struct CatalogFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public static func unknownCountry(_ code: String, valid: [String]) -> CatalogFilterError {
        let list = valid.isEmpty ? "none yet: the catalog is empty (storefront catalog refresh)" : valid.joined(separator: ", ")
        return CatalogFilterError(message: "Unknown country \"\(code)\": use a two-letter code the catalog has products for. Valid countries: \(list).")
    }

    public static func unknownType(_ word: String) -> CatalogFilterError {
        let list = ProductType.knownCases.map(\.rawValue).joined(separator: ", ")
        return CatalogFilterError(message: "Unknown product type \"\(word)\". Valid types: \(list).")
    }

    public var description: String { message }
}

extension ProductType {
    /// Reads a type as a person types it: `gift_card`, `gift-card`, `giftcard` or the display name
    /// ("gift cards", "eSIMs"), any case.
    public static func parse(_ word: String) throws(CatalogFilterError) -> ProductType {
        let key = Self.key(word)
        if let type = knownCases.first(where: { Self.key($0.rawValue) == key || Self.key($0.displayName) == key }) {
            return type
        }
        throw .unknownType(word)
    }

    private static func key(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
