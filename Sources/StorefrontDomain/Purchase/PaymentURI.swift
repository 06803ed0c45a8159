import Foundation

/// The text a wallet scans to pay an invoice. The API returns no URI, so it is built here: BIP21 for
/// bitcoin (`bitcoin:ADDR?amount=0.00123456`, the amount in BTC), `lightning:` and the BOLT11 invoice, and
/// the bare address for the other chains, whose wallets disagree on URI formats.
public enum PaymentURI {
    public static func make(method: PaymentMethod, address: String, amount: Money?) -> String {
        switch method {
        case .bitcoin:
            guard let amount, amount.currency == .btc else { return "bitcoin:\(address)" }
            return "bitcoin:\(address)?amount=\(amount.decimalString)"
        case .lightning:
            return "lightning:\(address)"
        default:
            return address
        }
    }
}
