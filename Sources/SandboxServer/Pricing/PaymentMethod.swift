/// The payment methods the API accepts, and what a quote in each looks like: the currency, the smallest
/// unit the `price` is counted in, and the shape of the deposit address.
enum PaymentMethod: String, Sendable, CaseIterable {
    case balance
    case bitcoin
    case lightning
    case ethereum
    case usdcPolygon = "usdc_polygon"
    case usdtPolygon = "usdt_polygon"
    case usdcErc20 = "usdc_erc20"
    case usdtErc20 = "usdt_erc20"
    case usdcArbitrum = "usdc_arbitrum"
    case usdcSolana = "usdc_solana"
    case usdcBase = "usdc_base"
    case ethBase = "eth_base"

    var isCrypto: Bool { self != .balance }

    /// The currency of `payment.price` for crypto methods (balance invoices use the account currency).
    var cryptoCurrency: String {
        switch self {
        case .balance, .bitcoin, .lightning: "BTC"
        case .ethereum, .ethBase: "ETH"
        case .usdcPolygon, .usdcErc20, .usdcArbitrum, .usdcSolana, .usdcBase: "USDC"
        case .usdtPolygon, .usdtErc20: "USDT"
        }
    }

    private var addressStyle: AddressStyle {
        switch self {
        case .balance: .none
        case .bitcoin: .bitcoin
        case .lightning: .lightning
        case .usdcSolana: .solana
        default: .evm
        }
    }

    /// The price of `usd` dollars in this method's smallest unit (sats, wei, 6-decimal stablecoin units),
    /// as digits: wei overflow `Int64` for large invoices.
    func cryptoPrice(usd: Double) -> String {
        switch cryptoCurrency {
        case "BTC":
            return String(Int64((usd / ExchangeRates.usdPerBitcoin * 1e8 - 1e-9).rounded(.up)))
        case "ETH":
            let gwei = Int64((usd / ExchangeRates.usdPerEther * 1e9 - 1e-9).rounded(.up))
            return "\(gwei)000000000"
        default:
            return String(Int64((usd * 1e6 - 1e-9).rounded(.up)))
        }
    }

    /// A deposit address of the right shape; for lightning, a BOLT11 invoice for `satoshis`.
    func depositAddress(satoshis: String, random: inout SeededRandom) -> String? {
        switch addressStyle {
        case .none:
            return nil
        case .bitcoin:
            return "bc1q" + random.string(from: SeededRandom.bech32, count: 38)
        case .lightning:
            let nanoBitcoin = (Int64(satoshis) ?? 0) * 10
            return "lnbc\(nanoBitcoin)n1p" + random.string(from: SeededRandom.bech32, count: 180)
        case .evm:
            return "0x" + random.string(from: SeededRandom.lowerHex, count: 40)
        case .solana:
            return random.string(from: SeededRandom.base58, count: 44)
        }
    }

    /// Whether `address` could receive a refund for this method.
    func acceptsRefundAddress(_ address: String) -> Bool {
        switch addressStyle {
        case .none: true
        case .bitcoin: Self.isBitcoinAddress(address)
        case .lightning: Self.isBitcoinAddress(address) || Self.isLightningAddress(address)
        case .evm: address.count == 42 && address.hasPrefix("0x") && address.dropFirst(2).allSatisfy(\.isHexDigit)
        case .solana: (32...44).contains(address.count) && address.allSatisfy(SeededRandom.base58.contains)
        }
    }

    private enum AddressStyle {
        case none, bitcoin, lightning, evm, solana
    }

    private static func isBitcoinAddress(_ address: String) -> Bool {
        let lowered = address.lowercased()
        if lowered.hasPrefix("bc1") || lowered.hasPrefix("tb1") {
            return (14...90).contains(lowered.count) && lowered.dropFirst(3).allSatisfy(SeededRandom.bech32.contains)
        }
        guard let first = address.first, first == "1" || first == "3" else { return false }
        return (26...35).contains(address.count) && address.allSatisfy(SeededRandom.base58.contains)
    }

    private static func isLightningAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !address.contains(" ")
    }
}
