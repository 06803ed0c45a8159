import Foundation

/// A first check of a crypto refund address, per payment method, before anything is sent: catches a pasted
/// address of the wrong chain or a truncated one. The server remains the judge of what it accepts.
public enum RefundAddress {
    /// nil when the address looks right for the method; otherwise what is wrong and what to enter.
    public static func problem(_ address: String, for method: PaymentMethod) -> String? {
        let text = address.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return "Enter a refund address for \(method.rawValue): a failed order's payment is returned there." }
        switch method {
        case .balance:
            return nil
        case .bitcoin:
            let lower = text.lowercased()
            if lower.hasPrefix("bc1") {
                return (14...74).contains(text.count) && lower.dropFirst(3).allSatisfy(bech32.contains) ? nil
                    : "\"\(text)\" is not a bitcoin bech32 address (bc1…, 14-74 letters and digits)."
            }
            if text.hasPrefix("1") || text.hasPrefix("3") {
                return (25...35).contains(text.count) && text.allSatisfy(base58.contains) ? nil
                    : "\"\(text)\" is not a bitcoin address (1… or 3…, 25-35 base58 characters)."
            }
            return "\"\(text)\" is not a bitcoin address: it starts with bc1, 1 or 3."
        case .lightning:
            return text.lowercased().hasPrefix("ln") || text.contains("@") ? nil
                : "For a Lightning refund enter a lightning address (name@host) or an LN… invoice."
        case .usdcSolana:
            return (32...44).contains(text.count) && text.allSatisfy(base58.contains) ? nil
                : "\"\(text)\" is not a Solana address (32-44 base58 characters)."
        case .ethereum, .usdcPolygon, .usdtPolygon, .usdcErc20, .usdtErc20, .usdcArbitrum, .usdcBase, .ethBase:
            return text.count == 42 && text.hasPrefix("0x") && text.dropFirst(2).allSatisfy(\.isHexDigit) ? nil
                : "\"\(text)\" is not an EVM address (0x and 40 hexadecimal digits)."
        case .unknown:
            return nil
        }
    }

    private static let base58 = Set("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    private static let bech32 = Set("qpzry9x8gf2tvdw0s3jn54khce6mua7l")
}

/// An eSIM's ICCID as support staff type it: spaces and dashes are ignored; 19 or 20 digits with a valid
/// Luhn check digit.
public enum ICCID {
    /// The digits, when the text is a valid ICCID.
    public static func normalize(_ text: String) -> String? {
        let digits = text.filter { !" -\t".contains($0) }
        return problem(digits) == nil ? digits : nil
    }

    /// nil when valid; otherwise exactly what is wrong.
    public static func problem(_ text: String) -> String? {
        let digits = text.filter { !" -\t".contains($0) }
        if digits.isEmpty { return "Enter the eSIM's ICCID (19 or 20 digits, printed on the eSIM details or the customer's settings)." }
        if let bad = digits.first(where: { !$0.isASCII || !$0.isNumber }) {
            return "An ICCID has digits only; \"\(bad)\" is not one."
        }
        if !(19...20).contains(digits.count) { return "An ICCID has 19 or 20 digits; this has \(digits.count)." }
        if !Luhn.isValid(digits) { return "The ICCID's last digit (check digit) does not match: a digit is mistyped." }
        return nil
    }
}
