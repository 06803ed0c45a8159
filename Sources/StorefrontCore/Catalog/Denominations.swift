import Foundation

/// A fixed denomination of a product. `value` is text: eSIM bundles are labels ("3GB, 30 Days").
public struct PackageOption: Sendable, Hashable, Codable {
    /// What is sent as `package_id` when buying; may hold spaces and symbols.
    public var id: String
    public var value: String
    /// In the account currency's smallest unit; nil when the API did not say.
    public var price: Int64?

    public init(id: String, value: String, price: Int64? = nil) {
        self.id = id
        self.value = value
        self.price = price
    }
}

/// A range of face values: `min <= v <= max` and `(v - min)` a whole multiple of `step`.
public struct ValueRange: Sendable, Hashable, Codable {
    public var min: Decimal
    public var max: Decimal
    public var step: Decimal
    /// Price of one unit of face value, in millionths of the account currency's smallest unit, so that a rate
    /// like 1666.33 sats per dollar is kept exactly as an integer.
    public var priceRateMicros: Int64?

    public init(min: Decimal, max: Decimal, step: Decimal, priceRateMicros: Int64? = nil) {
        self.min = min
        self.max = max
        self.step = step
        self.priceRateMicros = priceRateMicros
    }

    public func contains(_ value: Decimal) -> Bool {
        guard value >= min, value <= max else { return false }
        guard step > 0 else { return true }
        var quotient = (value - min) / step
        var whole = Decimal()
        NSDecimalRound(&whole, &quotient, 0, .plain)
        return whole == quotient
    }

    /// The price of `value` in the account currency's smallest unit, rounded to the nearest unit.
    public func price(of value: Decimal) -> Int64? {
        guard let priceRateMicros else { return nil }
        var exact = value * Decimal(priceRateMicros) / 1_000_000
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        return Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value)
    }
}

/// What a customer may choose for a product: one of its packages, or a value in its range (or both kinds).
public struct Denominations: Sendable, Hashable, Codable {
    public var packages: [PackageOption]
    public var range: ValueRange?
    /// The currency of face values (the product's, not the account's), when known.
    public var currency: String?

    public init(packages: [PackageOption] = [], range: ValueRange? = nil, currency: String? = nil) {
        self.packages = packages
        self.range = range
        self.currency = currency
    }

    /// The allowed values in one sentence: "Choose 10 to 100 USD in steps of 10, or a package: 25, 50".
    public var allowedDescription: String {
        let unit = currency.map { " \($0)" } ?? ""
        let listed = Self.listed(packages.map(\.value))
        switch (range, packages.isEmpty) {
        case (let range?, true):
            return "Choose \(range.min) to \(range.max)\(unit) in steps of \(range.step)"
        case (let range?, false):
            return "Choose \(range.min) to \(range.max)\(unit) in steps of \(range.step), or a package: \(listed)"
        case (nil, false):
            return "Choose a package: \(listed)"
        case (nil, true):
            return "This product lists no denominations; refresh the catalog (storefront catalog refresh)"
        }
    }

    /// Finds what `input` chooses: a package by id, a package by its value ("50", "50.00", "3gb, 30 days"),
    /// or a value the range allows. Anything else is an error whose message lists the allowed values.
    public func choose(_ input: String) throws(DenominationError) -> DenominationChoice {
        let text = input.trimmingCharacters(in: .whitespaces)
        if let package = packages.first(where: { $0.id == text }) { return .package(package) }
        if let package = packages.first(where: { $0.value.caseInsensitiveCompare(text) == .orderedSame }) {
            return .package(package)
        }
        let number = Self.decimal(text)
        if let number, let package = packages.first(where: { Self.decimal($0.value) == number }) {
            return .package(package)
        }
        if let number, let range, range.contains(number) { return .value(number) }
        throw DenominationError(input: text, allowed: allowedDescription)
    }

    /// At most twelve values, then how many more: a product with 40 eSIM bundles still gets a readable message.
    static func listed(_ values: [String]) -> String {
        let shown = values.prefix(12).joined(separator: ", ")
        return values.count > 12 ? "\(shown) and \(values.count - 12) more" : shown
    }

    /// A plain decimal number ("25", "12.50"), read the same whatever the user's locale.
    static func decimal(_ text: String) -> Decimal? {
        guard PackageOption.isAmount(text) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

/// A valid choice of denomination.
public enum DenominationChoice: Sendable, Hashable {
    case package(PackageOption)
    /// A face value within the product's range.
    case value(Decimal)
}

/// A denomination the product does not offer, with the values it does.
public struct DenominationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var input: String
    /// The allowed values, as `Denominations.allowedDescription` words them.
    public var allowed: String

    public var message: String {
        "\"\(input)\" is not available for this product. \(allowed)."
    }

    public var description: String { message }
}
