import Foundation

/// A fixed exchange table: the US dollar value of one unit of each currency. Fixed so that prices are
/// deterministic and easy to check by hand (1 BTC = 60,000 USD, so 1 USD = 1,666.67 sats).
enum ExchangeRates {
    static let usdPerBitcoin = 60_000.0
    static let usdPerEther = 3_000.0

    static let usdPerUnit: [String: Double] = [
        "USD": 1, "BTC": usdPerBitcoin, "ETH": usdPerEther, "USDC": 1, "USDT": 1,
        "EUR": 1.08, "GBP": 1.27, "CHF": 1.13, "CAD": 0.74, "AUD": 0.66, "NZD": 0.60,
        "MXN": 0.058, "BRL": 0.20, "ARS": 0.0011, "CLP": 0.0011, "COP": 0.00025, "PEN": 0.27, "UYU": 0.025,
        "GTQ": 0.13, "CRC": 0.0019, "DOP": 0.017, "JMD": 0.0064, "XCD": 0.37,
        "DKK": 0.145, "SEK": 0.095, "NOK": 0.094, "ISK": 0.0072, "PLN": 0.25, "CZK": 0.043, "HUF": 0.0028,
        "RON": 0.22, "BGN": 0.55, "RSD": 0.0092, "UAH": 0.024, "TRY": 0.031, "KZT": 0.0021,
        "ILS": 0.27, "AED": 0.2723, "SAR": 0.2667, "QAR": 0.2747, "EGP": 0.021, "MAD": 0.10, "TND": 0.32,
        "NGN": 0.00065, "GHS": 0.067, "KES": 0.0077, "ZAR": 0.054,
        "INR": 0.012, "PKR": 0.0036, "BDT": 0.0084, "LKR": 0.0033, "NPR": 0.0075,
        "CNY": 0.138, "HKD": 0.128, "TWD": 0.031, "JPY": 0.0067, "KRW": 0.00073, "PHP": 0.0175,
        "VND": 0.00004, "THB": 0.028, "MYR": 0.21, "SGD": 0.74, "IDR": 0.000063,
    ]

    /// Decimal places of each currency's smallest unit (sats for BTC, cents for most).
    static func minorDigits(of currency: String) -> Int {
        switch currency {
        case "BTC": 8
        case "JPY", "KRW", "VND", "CLP", "ISK", "IDR": 0
        default: 2
        }
    }

    /// A round multiplier for face values, so a JPY card comes in 1,000s and an IDR card in 10,000s.
    static func denominationScale(of currency: String) -> Int {
        let rate = usdPerUnit[currency] ?? 1
        let exponent = Int((-log10(rate)).rounded())
        return exponent <= 0 ? 1 : (0..<exponent).reduce(1) { product, _ in product * 10 }
    }
}
