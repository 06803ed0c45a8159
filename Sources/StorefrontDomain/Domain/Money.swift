import Foundation

/// A currency and the number of decimal places of its smallest unit (sats for BTC, cents for EUR).
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    public let decimals: Int

    public init(code: String, decimals: Int) {
        self.code = code.uppercased()
        self.decimals = decimals
    }

    public static let btc = Currency(code: "BTC", decimals: 8)
    public static let eth = Currency(code: "ETH", decimals: 18)
    public static let usdc = Currency(code: "USDC", decimals: 6)
    public static let usdt = Currency(code: "USDT", decimals: 6)

    /// Known currencies by code; unknown codes are assumed to have 2 decimals, as most fiat currencies do.
    public static func named(_ code: String) -> Currency {
        switch code.uppercased() {
        case "BTC", "XBT": .btc
        case "ETH": .eth
        case "USDC": .usdc
        case "USDT": .usdt
        case "JPY", "KRW", "VND", "CLP", "ISK", "HUF", "IDR", "COP", "UGX", "PYG": Currency(code: code, decimals: 0)
        case "KWD", "BHD", "OMR", "JOD", "TND": Currency(code: code, decimals: 3)
        default: Currency(code: code, decimals: 2)
        }
    }

    public var description: String { code }
}

/// An amount in a currency's smallest unit. Money is never a floating-point number here: prices from the API
/// are integers in the smallest unit, and sums of them stay exact.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The amount with all its decimals and the code: "0.00123000 BTC", "12.50 EUR".
    public var formatted: String {
        "\(decimalString) \(currency.code)"
    }

    /// The amount with all its decimals, no code: "0.00123000".
    public var decimalString: String {
        let negative = minorUnits < 0
        let digits = String(minorUnits.magnitude)
        guard currency.decimals > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, currency.decimals + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -currency.decimals)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    public var description: String { formatted }

    /// What this balance leaves after spending `cost` smallest units: the amount left, or how much is missing
    /// when `short`. nil when the difference does not fit: both numbers come from the server, and must not trap.
    public func after(spending cost: Int64) -> (amount: Money, short: Bool)? {
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(cost)
        guard !overflow, difference != .min else { return nil }
        return (Money(minorUnits: difference.magnitude > 0 ? Int64(difference.magnitude) : 0, currency: currency), difference < 0)
    }

    /// An amount as the API writes it: an integer is already in the smallest unit (prices, refunds, balances
    /// live); a fraction is in whole units (the docs' examples, `0.00123456`). nil when it is neither a whole
    /// number of smallest units nor within range, rather than a rounded or trapped guess.
    public static func fromAPI(_ amount: Decimal, currency: Currency) -> Money? {
        guard !amount.isNaN else { return nil }
        var minor = amount
        if minor != minor.roundedToInteger {
            var scale = Decimal(1)
            for _ in 0..<currency.decimals { scale *= 10 }
            minor *= scale
        }
        return minor.exactInt64.map { Money(minorUnits: $0, currency: currency) }
    }

    /// Thousands separated by commas: 1234567 -> "1,234,567".
    public static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

extension Decimal {
    /// Rounded to a whole number, half away from zero.
    public var roundedToInteger: Decimal {
        var input = self
        var output = Decimal()
        NSDecimalRound(&output, &input, 0, .plain)
        return output
    }

    /// The value as an Int64 when it is a whole number that fits; nil for a fraction, NaN or anything out of
    /// range. `NSDecimalNumber.int64Value` wraps instead (2^63 becomes Int64.min), and no wrapped number may
    /// become money.
    public var exactInt64: Int64? {
        guard !isNaN, self == roundedToInteger, self >= Decimal(Int64.min), self <= Decimal(Int64.max) else { return nil }
        return Int64(NSDecimalNumber(decimal: self).stringValue)
    }
}
