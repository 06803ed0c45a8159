/// A phone number as support staff type it, read into E.164: `+` and the country code are added where the
/// input makes them obvious, and the reading says so, so the number checked is the number the customer gave.
public struct PhoneNumberReading: Sendable, Equatable {
    public var e164: String
    /// How the input was completed ("read as a number of Germany"); nil when it was typed in full.
    public var how: String?

    public init(e164: String, how: String? = nil) {
        self.e164 = e164
        self.how = how
    }

    /// "Read as a number of Germany: +4915212345678", to show beside what was typed; nil when typed in full.
    public var note: String? { how.map { "\($0.prefix(1).uppercased())\($0.dropFirst()): \(e164)" } }
}

public enum PhoneNumberInput {
    /// Reads `input`, using `country` (ISO alpha-2, optional) for numbers typed the national way.
    ///
    /// `+…` is taken as typed; `00…` is the international prefix most countries dial, read as `+`. With a
    /// country, a leading `0` (the trunk prefix) gives way to its calling code, and digits that already start
    /// with the calling code get only the `+`. Without one, ten digits or more are taken to start with the
    /// country code; anything shorter, or a leading `0`, needs the country.
    public static func read(_ input: String, country: String?) throws(PhoneNumberError) -> PhoneNumberReading {
        let kept = input.filter { !" -.()/\u{00A0}".contains($0) }
        if kept.hasPrefix("+") || kept.isEmpty { return PhoneNumberReading(e164: try PhoneNumber.normalize(kept)) }
        guard kept.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw PhoneNumberError("\"\(input)\" holds characters other than digits: use only + and digits, e.g. +4915212345678.")
        }
        if kept.hasPrefix("00") {
            let e164 = try PhoneNumber.normalize("+" + kept.dropFirst(2))
            return PhoneNumberReading(e164: e164, how: "00 read as +")
        }
        let hint = country?.trimmingCharacters(in: .whitespaces).uppercased() ?? ""
        if !hint.isEmpty {
            guard let dial = DialCodes.code(of: hint) else {
                throw PhoneNumberError("\"\(hint)\" is not a country code: give two letters such as DE or US, or leave the country empty and type + and the number.")
            }
            let name = CountryNames.name(of: hint) ?? hint
            if kept.hasPrefix("0") {
                let e164 = try PhoneNumber.normalize("+" + dial + kept.dropFirst())
                return PhoneNumberReading(e164: e164, how: "read as a number of \(name)")
            }
            if kept.hasPrefix(dial) {
                let e164 = try PhoneNumber.normalize("+" + kept)
                return PhoneNumberReading(e164: e164, how: "starts with \(name)'s code \(dial)")
            }
            let e164 = try PhoneNumber.normalize("+" + dial + kept)
            return PhoneNumberReading(e164: e164, how: "read as a number of \(name)")
        }
        if kept.hasPrefix("0") {
            throw PhoneNumberError("\"\(input)\" is a national number (it starts with 0): give the country, or type + and the country code, e.g. +4915212345678.")
        }
        guard kept.count >= 10 else {
            throw PhoneNumberError("\"\(input)\" has no country code: type + and the country code first (e.g. +4915212345678), or give the country.")
        }
        let e164 = try PhoneNumber.normalize("+" + kept)
        return PhoneNumberReading(e164: e164, how: "read with its country code first")
    }
}
