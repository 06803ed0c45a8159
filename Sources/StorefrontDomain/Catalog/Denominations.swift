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
        throw DenominationError(input: text, allowed: allowedDescription, rule: rule(broken: number))
    }

    /// Which of the range's rules a number breaks; a word, or a product without a range, breaks none of them.
    private func rule(broken number: Decimal?) -> DenominationError.Rule {
        guard let number, let range else { return .notOffered }
        let unit = currency.map { " \($0)" } ?? ""
        if number < range.min { return .belowMinimum("\(range.min)\(unit)") }
        if number > range.max { return .aboveMaximum("\(range.max)\(unit)") }
        var steps = (number - range.min) / range.step
        var below = Decimal()
        NSDecimalRound(&below, &steps, 0, .down)
        let lower = range.min + below * range.step
        return .offStep(step: "\(range.step)", nearest: [lower, lower + range.step].filter { $0 <= range.max }.map { "\($0)" })
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
    /// The rule a typed value breaks, so a person knows what to change, not just what is allowed.
    public enum Rule: Sendable, Hashable {
        /// Not a number in the range, nor a package (a word, or a product without a range).
        case notOffered
        case belowMinimum(String)
        case aboveMaximum(String)
        /// Between the limits but not on a step; the valid values on either side.
        case offStep(step: String, nearest: [String])
    }

    public var input: String
    /// The allowed values, as `Denominations.allowedDescription` words them.
    public var allowed: String
    public var rule: Rule

    public init(input: String, allowed: String, rule: Rule = .notOffered) {
        self.input = input
        self.allowed = allowed
        self.rule = rule
    }

    public var message: String {
        let broken = switch rule {
        case .notOffered: "is not available for this product"
        case .belowMinimum(let minimum): "is below the minimum of \(minimum)"
        case .aboveMaximum(let maximum): "is above the maximum of \(maximum)"
        case .offStep(let step, let nearest):
            "is not a step of \(step)" + (nearest.isEmpty ? "" : " (nearest: \(nearest.joined(separator: " or ")))")
        }
        return "\"\(input)\" \(broken). \(allowed)."
    }

    public var description: String { message }
}
