/// An E.164 phone number ("+4915212345678"), split into calling code and national number on demand.
struct PhoneNumber: Sendable, Equatable {
    /// The digits after the `+`.
    let digits: String

    /// Accepts `+` followed by 8 to 15 digits and nothing else.
    init?(e164 text: String) {
        guard text.first == "+" else { return nil }
        let rest = text.dropFirst()
        guard (8...15).contains(rest.count), rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        digits = String(rest)
    }

    var e164: String { "+" + digits }

    /// Whether `product` can top up this number.
    func isServed(by product: Product) -> Bool {
        switch product.phoneCoverage {
        case .none: false
        case .anyNumber: true
        case .prefixes(let dialCode, let prefixes): matches(dialCode: dialCode, prefixes: prefixes)
        case .country(let code): Countries.named(code).map { matches(dialCode: $0.dialCode, prefixes: $0.mobilePrefixes) } ?? false
        }
    }

    private func matches(dialCode: String, prefixes: [String]) -> Bool {
        guard digits.hasPrefix(dialCode) else { return false }
        let national = digits.dropFirst(dialCode.count)
        return prefixes.contains { national.hasPrefix($0) }
    }
}
