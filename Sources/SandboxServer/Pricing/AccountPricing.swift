/// Converts face values into the account currency's smallest unit, the unit of every `price` and
/// `range.price_rate` the API returns (sats for a BTC account, cents for EUR or USD).
struct AccountPricing: Sendable {
    /// The account currency; an unknown configured currency falls back to BTC.
    let currency: String
    private let minorUnitsPerUSD: Double

    init(currency requested: String) {
        let code = requested.uppercased()
        currency = ExchangeRates.usdPerUnit[code] == nil || ["ETH", "USDC", "USDT"].contains(code) ? "BTC" : code
        let usdPerUnit = ExchangeRates.usdPerUnit[currency] ?? 1
        minorUnitsPerUSD = Self.power10(ExchangeRates.minorDigits(of: currency)) / usdPerUnit
    }

    /// Account minor units per one unit of `productCurrency`, to two decimals: the live `price_rate`.
    func rate(for productCurrency: String) -> Double {
        let usd = ExchangeRates.usdPerUnit[productCurrency] ?? 1
        return (usd * minorUnitsPerUSD * 100).rounded() / 100
    }

    /// What `amount` of `productCurrency` costs in account minor units, rounded up.
    func price(of amount: Double, in productCurrency: String) -> Int64 {
        Int64((amount * rate(for: productCurrency) - 1e-9).rounded(.up))
    }

    /// "$50.00", "€25.00", "£3.10" or "0.00016664 BTC": how error messages quote money.
    func describe(_ minorUnits: Int64) -> String {
        let digits = ExchangeRates.minorDigits(of: currency)
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let scale = UInt64(Self.power10(digits))
        let whole = magnitude / scale
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        let number = digits == 0 ? "\(whole)" : "\(whole).\(fraction)"
        switch currency {
        case "USD": return "\(sign)$\(number)"
        case "EUR": return "\(sign)€\(number)"
        case "GBP": return "\(sign)£\(number)"
        default: return "\(sign)\(number) \(currency)"
        }
    }

    private static func power10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }
}
