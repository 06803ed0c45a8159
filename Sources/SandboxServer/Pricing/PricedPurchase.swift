/// A purchase's prices: per unit in account units and in USD (from which crypto quotes are made), and totals.
struct PricedPurchase: Sendable {
    /// Per line, the price of one unit in account units.
    let unitPrices: [Int64]
    /// Per line, the value of one unit in USD.
    let unitUSD: [Double]
    let accountTotal: Int64
    let usdTotal: Double

    init(_ purchase: Purchase, pricing: AccountPricing) {
        unitPrices = purchase.lines.map { pricing.price(of: $0.amount, in: $0.product.currency) }
        unitUSD = purchase.lines.map { $0.amount * (ExchangeRates.usdPerUnit[$0.product.currency] ?? 1) }
        accountTotal = zip(purchase.lines, unitPrices).reduce(Int64(0)) { $0 + $1.1 * Int64($1.0.quantity) }
        usdTotal = zip(purchase.lines, unitUSD).reduce(0.0) { $0 + $1.1 * Double($1.0.quantity) }
    }
}
