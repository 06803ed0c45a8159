import Foundation

extension Decimal {
    /// The value as an Int64 when it is a whole number that fits; nil for a fraction, NaN or anything out of range.
    /// `NSDecimalNumber.int64Value` wraps instead (2^63 becomes Int64.min), and no wrapped number may become money.
    var exactInt64: Int64? {
        guard !isNaN, self == rounded(0), self >= Decimal(Int64.min), self <= Decimal(Int64.max) else { return nil }
        return Int64(NSDecimalNumber(decimal: self).stringValue)
    }

    func rounded(_ scale: Int) -> Decimal {
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, scale, .plain)
        return output
    }
}
