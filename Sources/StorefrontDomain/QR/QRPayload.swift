/// The text actually put in a QR code for a payload. A `lightning:` URI is upper-cased: BOLT11 invoices are
/// bech32, which is case-insensitive, and all-capitals text packs in the QR alphanumeric mode at 5.5 bits a
/// character instead of 8, so a long invoice needs a much smaller code (wallets read `LIGHTNING:LNBC…`).
/// Everything else is kept byte for byte: LPA activation codes and query strings can be case-sensitive.
public enum QRPayload {
    public static func scannable(_ payload: String) -> String {
        let scheme = "lightning:"
        guard payload.lowercased().hasPrefix(scheme) else { return payload }
        let invoice = payload.dropFirst(scheme.count)
        let isBech32 = !invoice.isEmpty && invoice.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let mixedCase = invoice.contains(where: \.isUppercase) && invoice.contains(where: \.isLowercase)
        return isBech32 && !mixedCase ? payload.uppercased() : payload
    }
}
