import Foundation
import StorefrontDomain

/// Decoding helpers for fields the two dialects send with different JSON types.
extension KeyedDecodingContainer {
    /// A string, or a number or boolean written as text (`"10"` and `10` both give "10").
    func flexibleString(_ key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        if let number = try? decodeIfPresent(Decimal.self, forKey: key) { return "\(number)" }
        if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return flag ? "true" : "false" }
        return nil
    }

    /// The first of several alternative keys that holds a flexible string (`id` or `package_id`).
    func flexibleString(_ keys: Key...) -> String? {
        keys.lazy.compactMap { self.flexibleString($0) }.first
    }

    /// A number, or a string that holds one. Decimal keeps `0.1` exact, unlike Double. Never NaN ("NaN" is text
    /// Decimal parses): no amount is Not a Number.
    func flexibleDecimal(_ key: Key) -> Decimal? {
        var number = try? decodeIfPresent(Decimal.self, forKey: key)
        if number == nil, let text = try? decodeIfPresent(String.self, forKey: key) {
            number = Decimal(string: text.trimmingCharacters(in: .whitespaces), locale: Locale(identifier: "en_US_POSIX"))
        }
        return number.flatMap { $0.isNaN ? nil : $0 }
    }

    /// A whole number that fits an Int64, from an integer, an integral decimal or a numeric string; nil otherwise
    /// (9223372036854775808 is not Int64.min).
    func flexibleInt64(_ key: Key) -> Int64? {
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return value }
        return flexibleDecimal(key)?.exactInt64
    }

    func flexibleBool(_ key: Key) -> Bool? {
        if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return flag }
        if let text = flexibleString(key)?.lowercased() {
            if ["true", "1", "yes"].contains(text) { return true }
            if ["false", "0", "no"].contains(text) { return false }
        }
        return nil
    }

    /// An open enumeration's word, or nil when absent or not a string.
    func word<Word: OpenEnumeration>(_ type: Word.Type, _ key: Key) -> Word? {
        (try? decodeIfPresent(String.self, forKey: key)).flatMap { $0 }.map { Word(rawValue: $0) }
    }

    /// A list whose elements that cannot be decoded are dropped instead of failing the whole list.
    func lossyArray<Element: Decodable>(_ type: Element.Type, _ key: Key) -> [Element] {
        guard let wrapped = try? decodeIfPresent(LossyArray<Element>.self, forKey: key) else { return [] }
        return wrapped.elements
    }
}

/// Decodes each element on its own, keeping those that decode.
struct LossyArray<Element: Decodable>: Decodable {
    var elements: [Element]
    var dropped: Int

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var elements: [Element] = []
        var dropped = 0
        while !container.isAtEnd {
            if let element = try? container.decode(Element.self) {
                elements.append(element)
            } else {
                dropped += 1
                _ = try? container.decode(Skip.self)
            }
        }
        self.elements = elements
        self.dropped = dropped
    }

    /// Consumes one JSON value of any kind so decoding can move past a bad element.
    private struct Skip: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

/// A key for objects whose keys are not known in advance (`extra_fields`).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
