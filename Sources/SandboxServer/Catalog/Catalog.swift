/// The immutable, seeded product catalog with the indexes the product endpoints need.
///
/// Built once per sandbox and shared read-only by every request, so listing needs no actor hop.
/// Lists are arrays of product positions; filters by country and kind are precomputed, search scans names.
final class Catalog: Sendable {
    struct Filter: Sendable {
        var country: String?
        var kind: ProductKind?
        var includeTestProducts = false
    }

    /// Test products first, then the generated ones (in generation order; `list` gives listing order).
    let products: [Product]
    private let positionByID: [String: Int]
    private let testPositions: [Int]
    private let listedPositions: [Int]
    private let positionsByCountry: [String: [Int]]
    private let positionsByKind: [ProductKind: [Int]]
    /// Mobile operators by calling code, for `check_phone_number`.
    private let operatorPositionsByDialCode: [String: [Int]]

    init(seed: UInt64, productCount: Int) {
        var products = TestProducts.all
        listedPositions = CatalogGenerator(seed: seed, count: productCount).generate(into: &products)
        self.products = products
        var positions: [String: Int] = [:]
        positions.reserveCapacity(products.count)
        for (position, product) in products.enumerated() {
            positions[product.id] = position
        }
        positionByID = positions
        testPositions = Array(0..<TestProducts.all.count)
        var byCountry: [String: [Int]] = [:]
        var byKind: [ProductKind: [Int]] = [:]
        var operators: [String: [Int]] = [:]
        for position in listedPositions {
            byCountry[products[position].countryCode, default: []].append(position)
            byKind[products[position].kind, default: []].append(position)
            if case .prefixes(let dialCode, _) = products[position].phoneCoverage {
                operators[dialCode, default: []].append(position)
            }
        }
        positionsByCountry = byCountry
        positionsByKind = byKind
        operatorPositionsByDialCode = operators
    }

    func product(id: String) -> Product? {
        positionByID[id].map { products[$0] }
    }

    /// Positions of the products a listing shows, test products (when asked for) first.
    func list(_ filter: Filter) -> [Int] {
        let regular: [Int]
        switch (filter.country, filter.kind) {
        case (nil, nil): regular = listedPositions
        case (let country?, nil): regular = positionsByCountry[country] ?? []
        case (nil, let kind?): regular = positionsByKind[kind] ?? []
        case (let country?, let kind?): regular = (positionsByCountry[country] ?? []).filter { products[$0].kind == kind }
        }
        guard filter.includeTestProducts else { return regular }
        return testPositions.filter { matches(products[$0], filter) } + regular
    }

    /// Products whose name or id contains `query`, ignoring ASCII case.
    func search(_ query: String, _ filter: Filter) -> [Int] {
        let needle = Array(query.lowercased().utf8)
        return list(filter).filter { position in
            let product = products[position]
            return Self.contains(product.name, needle) || Self.contains(product.id, needle)
        }
    }

    /// eSIM plans; `country` matches any plan whose coverage includes it.
    func esimPlans(country: String?, includeTestProducts: Bool) -> [Int] {
        let plans = (includeTestProducts ? testPositions : []) + (positionsByKind[.esim] ?? [])
        return plans.filter { position in
            let product = products[position]
            return product.kind == .esim && (country.map(product.coverage.contains) ?? true)
        }
    }

    /// The mobile operators that serve `number`, in catalog order.
    func operators(serving number: PhoneNumber) -> [Product] {
        (1...3).flatMap { length -> [Int] in
            operatorPositionsByDialCode[String(number.digits.prefix(length))] ?? []
        }
        .map { products[$0] }
        .filter { number.isServed(by: $0) }
    }

    private func matches(_ product: Product, _ filter: Filter) -> Bool {
        (filter.country.map { $0 == product.countryCode } ?? true) && (filter.kind.map { $0 == product.kind } ?? true)
    }

    /// Substring test on UTF-8 bytes, folding ASCII upper case only: fast enough to scan 200,000 names.
    private static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        var haystack = haystack
        return haystack.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            outer: for start in 0...(bytes.count - needle.count) {
                for offset in 0..<needle.count {
                    var byte = bytes[start + offset]
                    if byte >= 0x41, byte <= 0x5A { byte += 0x20 }
                    if byte != needle[offset] { continue outer }
                }
                return true
            }
            return false
        }
    }
}
