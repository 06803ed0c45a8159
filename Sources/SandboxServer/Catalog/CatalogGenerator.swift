import Foundation

/// Builds the seeded catalog: the same seed and count always give the same products in the same order.
///
/// A fixed core comes first so that even a small catalog shows every kind of product: the signature
/// brands with non-ASCII names, two or three mobile operators in every country, an eSIM plan for every
/// region and country, and a utility in each large market. Operators are always in stock, so the
/// documented example numbers can always be topped up; three signature brands never are. The rest is drawn by weight (gift cards
/// mostly) until `count` is reached. Listing order is a seeded shuffle of the positions (the products
/// themselves are never moved: copying 200,000 of them costs more than generating them).
struct CatalogGenerator {
    let seed: UInt64
    let count: Int

    /// Appends the generated products to `products` and returns their positions in listing order.
    ///
    /// A catalog smaller than the core keeps the signature brands (so it still has non-ASCII names and
    /// out-of-stock cards) and a seeded pick of the rest.
    func generate(into products: inout [Product]) -> [Int] {
        var state = GeneratorState(seed: seed)
        let first = products.count
        let signatures = signatureBrands(&state)
        let core = signatures + coreProducts(&state)
        guard count > core.count else {
            var others = Array(signatures.count..<core.count)
            state.random.shuffle(&others)
            var picked = Array(signatures.indices.prefix(max(0, count))) + others.prefix(max(0, count - signatures.count))
            state.random.shuffle(&picked)
            products.append(contentsOf: picked.map { core[$0] })
            return Array(first..<products.count)
        }
        products.reserveCapacity(first + count)
        products.append(contentsOf: core)
        while products.count - first < count {
            products.append(randomProduct(&state))
        }
        var order = Array(first..<products.count)
        state.random.shuffle(&order)
        return order
    }

    // MARK: Core

    private func signatureBrands(_ state: inout GeneratorState) -> [Product] {
        BrandWords.signatureBrands.compactMap { brand in
            Countries.named(brand.country).map { country in
                giftCard(&state, name: brand.name, slug: brand.slug, categories: ["gifts", brand.category], country: country, inStock: brand.inStock)
            }
        }
    }

    /// Operators, eSIM plans and utilities every catalog starts from.
    private func coreProducts(_ state: inout GeneratorState) -> [Product] {
        var products: [Product] = []
        for country in Countries.all {
            products.append(contentsOf: mobileOperators(&state, in: country))
        }
        for region in ESIMPlans.regions {
            products.append(esimPlan(&state, brand: "Roamly", place: region.name, home: region.homeCountry,
                                     coverage: region.coverage, priceFactor: region.priceFactor))
        }
        for country in Countries.all {
            products.append(esimPlan(&state, brand: "Roamly", place: country.name, home: country.code,
                                     coverage: [country.code], priceFactor: 1))
        }
        for country in Countries.all where country.weight >= 3 {
            products.append(billPayment(&state, in: country))
        }
        return products
    }

    // MARK: Random fill

    private func randomProduct(_ state: inout GeneratorState) -> Product {
        let country = state.weightedCountry()
        let roll = state.random.unit()
        if roll < 0.82 {
            let family = state.random.pick(BrandWords.giftCardFamilies)
            var name = "\(state.random.pick(family.stems)) \(state.random.pick(family.suffixes))"
            if state.random.chance(0.25) { name += " \(state.random.pick(BrandWords.editions))" }
            return giftCard(&state, name: name, slug: state.slug(name), categories: family.categories, country: country, inStock: nil)
        } else if roll < 0.90 {
            return billPayment(&state, in: country)
        } else if roll < 0.95 {
            return phoneReseller(&state, in: country)
        } else {
            let brand = state.random.pick(BrandWords.esimBrands)
            if state.random.chance(0.3) {
                let region = state.random.pick(ESIMPlans.regions)
                return esimPlan(&state, brand: brand, place: region.name, home: region.homeCountry,
                                coverage: region.coverage, priceFactor: region.priceFactor)
            }
            return esimPlan(&state, brand: brand, place: country.name, home: country.code, coverage: [country.code], priceFactor: 1)
        }
    }

    // MARK: Kinds

    /// A gift card; `inStock` nil draws it (97% in stock).
    private func giftCard(_ state: inout GeneratorState, name: String, slug: String, categories: [String], country: Country, inStock: Bool?) -> Product {
        let id = state.uniqueID("\(slug)-\(country.code.lowercased())")
        let scale = ExchangeRates.denominationScale(of: country.currency)
        // 40% packages only, 30% range only, 30% both (with the packages inside the range).
        let style = state.random.unit()
        let range = style >= 0.4
            ? ValueRange(min: state.random.pick([5, 10, 20, 25]), max: state.random.pick([100, 200, 250, 500, 1000]), step: state.random.pick([1, 5]))
            : nil
        let faceValues = style < 0.7
            ? state.random.sample([5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 500], count: state.random.int(in: 3...6))
                .filter { value in range.map { $0.min <= value && value <= $0.max } ?? true }
            : []
        let packages = faceValues.map { ProductPackage(label: "\($0 * scale)", amount: Double($0 * scale)) }
        let redemptionRoll = state.random.unit()
        let redemption: RedemptionStyle = redemptionRoll < 0.6 ? .code : redemptionRoll < 0.75 ? .codeAndPin : redemptionRoll < 0.95 ? .link : .barcode
        return Product(
            id: id, name: name, kind: .giftCard, countryCode: country.code, countryName: country.name, currency: country.currency,
            categories: categories, createdMillis: state.createdMillis(), image: slug,
            inStock: inStock ?? state.random.chance(0.97), packages: packages,
            range: range.map { ValueRange(min: $0.min * scale, max: $0.max * scale, step: $0.step * scale) }, coverage: [],
            redemption: redemption, phoneCoverage: nil, isTest: false, failsDelivery: false
        )
    }

    private func mobileOperators(_ state: inout GeneratorState, in country: Country) -> [Product] {
        let operatorCount = country.mobilePrefixes.count >= 6 ? 3 : 2
        let stems = state.random.sample(BrandWords.operatorStems, count: operatorCount)
        return stems.enumerated().map { index, stem in
            let prefixes = country.portable
                ? country.mobilePrefixes
                : country.mobilePrefixes.enumerated().filter { $0.offset == 0 || $0.offset % operatorCount == index }.map(\.element)
            let name = "\(stem) \(state.random.pick(BrandWords.operatorSuffixes))"
            return phoneProduct(&state, name: name, country: country, coverage: .prefixes(dialCode: country.dialCode, prefixes: prefixes),
                                inStock: true)
        }
    }

    private func phoneReseller(_ state: inout GeneratorState, in country: Country) -> Product {
        let name = "\(state.random.pick(BrandWords.operatorStems)) \(state.random.pick(BrandWords.resellerSuffixes))"
        return phoneProduct(&state, name: name, country: country, coverage: .country(code: country.code), inStock: nil)
    }

    /// A phone product; `inStock` nil draws it (98% in stock).
    private func phoneProduct(_ state: inout GeneratorState, name: String, country: Country, coverage: PhoneCoverage, inStock: Bool?) -> Product {
        let slug = state.slug(name)
        let id = state.uniqueID("\(slug)-\(country.code.lowercased())")
        let scale = ExchangeRates.denominationScale(of: country.currency)
        let packages = state.random.sample([5, 10, 15, 20, 25, 30, 50], count: 4)
            .map { ProductPackage(label: "\($0 * scale)", amount: Double($0 * scale)) }
        let range = state.random.chance(0.5) ? ValueRange(min: 5 * scale, max: 100 * scale, step: scale) : nil
        return Product(
            id: id, name: name, kind: .phoneRefill, countryCode: country.code, countryName: country.name, currency: country.currency,
            categories: ["refill"], createdMillis: state.createdMillis(), image: slug, inStock: inStock ?? state.random.chance(0.98),
            packages: packages, range: range, coverage: [], redemption: .phoneTopUp, phoneCoverage: coverage,
            isTest: false, failsDelivery: false
        )
    }

    private func billPayment(_ state: inout GeneratorState, in country: Country) -> Product {
        let name = "\(state.random.pick(BrandWords.utilityStems)) \(state.random.pick(BrandWords.utilitySuffixes))"
        let slug = state.slug(name)
        let id = state.uniqueID("\(slug)-\(country.code.lowercased())")
        let scale = ExchangeRates.denominationScale(of: country.currency)
        let packages = state.random.chance(0.3)
            ? [25, 50, 100].map { ProductPackage(label: "\($0 * scale)", amount: Double($0 * scale)) }
            : []
        return Product(
            id: id, name: name, kind: .billPayment, countryCode: country.code, countryName: country.name, currency: country.currency,
            categories: ["bills"], createdMillis: state.createdMillis(), image: slug, inStock: state.random.chance(0.97),
            packages: packages, range: ValueRange(min: 10 * scale, max: 500 * scale, step: scale), coverage: [],
            redemption: .billReference, phoneCoverage: nil, isTest: false, failsDelivery: false
        )
    }

    private func esimPlan(_ state: inout GeneratorState, brand: String, place: String, home: String, coverage: [String], priceFactor: Double) -> Product {
        let name = "\(brand) eSIM \(place)"
        let slug = state.slug(name)
        let id = state.uniqueID(slug)
        let brandFactor = 0.9 + state.random.unit() * 0.2
        let packages = state.random.sample(ESIMPlans.bundles, count: state.random.int(in: 3...5)).map { bundle in
            let usd = (bundle.baseUSD * priceFactor * brandFactor * 100).rounded() / 100
            return ProductPackage(label: bundle.label, amount: usd, dataMB: bundle.dataMB)
        }
        let country = Countries.named(home)
        return Product(
            id: id, name: name, kind: .esim, countryCode: home, countryName: country?.name ?? home, currency: "USD",
            categories: ["esim"], createdMillis: state.createdMillis(), image: state.slug(brand), inStock: true,
            packages: packages, range: nil, coverage: coverage, redemption: .esimProfile, phoneCoverage: nil,
            isTest: false, failsDelivery: false
        )
    }
}

/// The generator's moving parts: its random stream and the ids already taken.
private struct GeneratorState {
    var random: SeededRandom
    private var takenIDs: Set<String>
    /// The next numeric suffix to try for an id already taken.
    private var nextSuffix: [String: Int] = [:]
    private var slugs: [String: String] = [:]
    private let cumulativeWeights: [Int]

    init(seed: UInt64) {
        random = SeededRandom(seed: seed, stream: "catalog")
        takenIDs = Set(TestProducts.all.map(\.id))
        var total = 0
        cumulativeWeights = Countries.all.map { country in
            total += country.weight
            return total
        }
    }

    /// `base`, or `base-2`, `base-3`... when taken.
    mutating func uniqueID(_ base: String) -> String {
        guard !takenIDs.insert(base).inserted else { return base }
        var suffix = nextSuffix[base] ?? 2
        var candidate = "\(base)-\(suffix)"
        while !takenIDs.insert(candidate).inserted {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        nextSuffix[base] = suffix + 1
        return candidate
    }

    mutating func weightedCountry() -> Country {
        let draw = random.int(in: 1...cumulativeWeights[cumulativeWeights.count - 1])
        var low = 0
        var high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] < draw { low = middle + 1 } else { high = middle }
        }
        return Countries.all[low]
    }

    /// A listing time between 2016 and mid-2025.
    mutating func createdMillis() -> Int64 {
        let start: Int64 = 1_451_606_400_000
        let end: Int64 = 1_751_241_600_000
        return start + Int64(random.next() % UInt64(end - start))
    }

    /// `BrandWords.slug`, remembered: generated names repeat a lot.
    mutating func slug(_ name: String) -> String {
        if let known = slugs[name] { return known }
        let slug = BrandWords.slug(name)
        slugs[name] = slug
        return slug
    }
}
