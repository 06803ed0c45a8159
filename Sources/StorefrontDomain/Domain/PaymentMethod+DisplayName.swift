extension PaymentMethod {
    /// The name a person reads in the review and on the purchase screen: the coin, and the network where the
    /// same coin travels on several (paying USDC on the wrong network loses it).
    public var displayName: String {
        switch self {
        case .balance: "Account balance"
        case .bitcoin: "Bitcoin"
        case .lightning: "Bitcoin Lightning"
        case .ethereum: "Ether (Ethereum)"
        case .usdcPolygon: "USDC on Polygon"
        case .usdtPolygon: "USDT on Polygon"
        case .usdcErc20: "USDC on Ethereum"
        case .usdtErc20: "USDT on Ethereum"
        case .usdcArbitrum: "USDC on Arbitrum"
        case .usdcSolana: "USDC on Solana"
        case .usdcBase: "USDC on Base"
        case .ethBase: "Ether on Base"
        case .unknown(let word): word
        }
    }
}
