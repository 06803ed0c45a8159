/// How an invoice is paid. `balance` draws on the account; every other method is a crypto payment to an
/// address the invoice names.
public enum PaymentMethod: OpenEnumeration, CaseIterable {
    case balance, bitcoin, lightning, ethereum
    case usdcPolygon, usdtPolygon, usdcErc20, usdtErc20, usdcArbitrum, usdcSolana, usdcBase, ethBase
    case unknown(String)

    public init(rawValue: String) { self = Self.named(rawValue) }

    public static let knownCases: [PaymentMethod] = [
        .balance, .bitcoin, .lightning, .ethereum, .usdcPolygon, .usdtPolygon, .usdcErc20, .usdtErc20,
        .usdcArbitrum, .usdcSolana, .usdcBase, .ethBase,
    ]
    public static var allCases: [PaymentMethod] { knownCases }

    public var rawValue: String {
        switch self {
        case .balance: "balance"
        case .bitcoin: "bitcoin"
        case .lightning: "lightning"
        case .ethereum: "ethereum"
        case .usdcPolygon: "usdc_polygon"
        case .usdtPolygon: "usdt_polygon"
        case .usdcErc20: "usdc_erc20"
        case .usdtErc20: "usdt_erc20"
        case .usdcArbitrum: "usdc_arbitrum"
        case .usdcSolana: "usdc_solana"
        case .usdcBase: "usdc_base"
        case .ethBase: "eth_base"
        case .unknown(let word): word
        }
    }

    /// The currency a payment by this method is priced in, when the invoice does not say.
    public var defaultCurrency: Currency? {
        switch self {
        case .balance, .unknown: nil
        case .bitcoin, .lightning: .btc
        case .ethereum, .ethBase: .eth
        case .usdcPolygon, .usdcErc20, .usdcArbitrum, .usdcSolana, .usdcBase: .usdc
        case .usdtPolygon, .usdtErc20: .usdt
        }
    }
}
