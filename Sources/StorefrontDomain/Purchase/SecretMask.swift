/// How codes, PINs and QR payloads are hidden until revealed: dots and the last four characters, which is what
/// a support person reads back to a customer to check they have the right code, and no more.
public enum SecretMask {
    public static let visibleSuffix = 4

    public static func mask(_ secret: String, ascii: Bool = false) -> String {
        let dot = ascii ? "*" : "•"
        guard secret.count > visibleSuffix * 2 else { return String(repeating: dot, count: max(4, secret.count)) }
        return String(repeating: dot, count: 8) + secret.suffix(visibleSuffix)
    }
}
