import StorefrontDomain

/// Every price a screen shows goes through here, so one account currency reads in one unit everywhere
/// (the cart, the review, the confirmation, the purchase) and an estimate always says it is one.
enum PriceText {
    /// `units` of the account currency ("0.00033334 BTC"); a price worked out from a range's rate is marked as
    /// approximate ("≈", "~" in ASCII), because only the invoice states what is charged.
    static func of(_ units: Int64?, in state: AppState, estimate: Bool = false) -> String {
        guard let units else { return "?" }
        let text = state.balance.map { Money(minorUnits: units, currency: $0.currency).formatted } ?? "\(units)"
        return estimate ? (state.asciiOnly ? "~" : "≈") + text : text
    }
}

extension CartLine {
    /// A face value picked from a range is priced from the range's rate, which the invoice may round differently.
    public var priceIsEstimate: Bool {
        if case .value = choice { return true }
        return false
    }
}

extension Cart {
    /// The total is an estimate while any line's price is.
    public var totalIsEstimate: Bool { lines.contains(where: \.priceIsEstimate) }
}
