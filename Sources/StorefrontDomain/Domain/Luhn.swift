/// The Luhn (mod 10) check used by ICCIDs: the last digit is a check digit over the others.
///
/// Shared by the client (refusing a mistyped ICCID before any request) and the sandbox (minting valid ones).
public enum Luhn {
    /// The check digit that makes `payload` followed by it pass `isValid`; nil when `payload` is not all ASCII digits.
    public static func checkDigit(for payload: some StringProtocol) -> Int? {
        guard let digits = asciiDigits(payload) else { return nil }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            sum += offset.isMultiple(of: 2) ? doubled(digit) : digit
        }
        return (10 - sum % 10) % 10
    }

    /// True when `number` is all ASCII digits (at least two) and its last digit is the Luhn check digit.
    public static func isValid(_ number: some StringProtocol) -> Bool {
        guard number.count >= 2, let last = number.last?.wholeNumberValue, number.last!.isASCII else { return false }
        return checkDigit(for: number.dropLast()) == last
    }

    private static func doubled(_ digit: Int) -> Int {
        let twice = digit * 2
        return twice > 9 ? twice - 9 : twice
    }

    private static func asciiDigits(_ text: some StringProtocol) -> [Int]? {
        var digits: [Int] = []
        digits.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            digits.append(Int(byte - 0x30))
        }
        return digits
    }
}
