/// A phone number in E.164 form: `+`, a country code not starting with 0, at most 15 digits in all.
public enum PhoneNumber {
    /// The number with spaces, dashes, dots and brackets removed, or an error that says what is wrong.
    public static func normalize(_ input: String) throws(PhoneNumberError) -> String {
        let kept = input.filter { !" -.()\u{00A0}".contains($0) }
        guard !kept.isEmpty else { throw PhoneNumberError("Enter the phone number with its country code, e.g. +15551234567.") }
        guard kept.hasPrefix("+") else {
            throw PhoneNumberError("\"\(input)\" has no country code: start with + and the country code, e.g. +15551234567.")
        }
        let digits = kept.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw PhoneNumberError("\"\(input)\" holds characters other than digits: use only + and digits, e.g. +15551234567.")
        }
        guard digits.first != "0" else { throw PhoneNumberError("A country code never starts with 0: check the number after the +.") }
        guard (8...15).contains(digits.count) else {
            throw PhoneNumberError("\"\(input)\" has \(digits.count) digits; an international number has 8 to 15 after the +.")
        }
        return kept
    }
}

public struct PhoneNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
