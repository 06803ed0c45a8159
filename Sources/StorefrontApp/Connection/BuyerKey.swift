/// The variable through which `storefront ssh serve` tells a listed key's session whose key it is.
public enum BuyerKey {
    public static let variable = "STOREFRONT_BUYER_KEY"

    /// The fingerprint in `environment`, if it reads as one (`SHA256:` and base64): anything else is not
    /// written to the journal.
    public static func from(_ environment: [String: String]) -> String? {
        guard let value = environment[variable], value.hasPrefix("SHA256:"), value.utf8.count <= 80,
              value.dropFirst(7).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) })
        else { return nil }
        return value
    }
}
