import Foundation
import StorefrontDomain

/// Identifiers, codes and profiles, all drawn from the store's seeded stream.
struct Minting: Sendable {
    static let smdpAddress = "smdp.sandbox.example"

    private(set) var random: SeededRandom

    /// `run` names one start of a persisted sandbox (its account id and run number): each draws from its own
    /// stream, so an id minted after a restart never repeats one saved before it, nor one an unpersisted
    /// sandbox of the same seed handed out earlier (whose purchases may still be in the same journal).
    /// Without a run the stream is fixed by the seed alone, so tests get the same ids every time.
    init(seed: UInt64, run: String? = nil) {
        random = SeededRandom(seed: seed, stream: run.map { "store#\($0)" } ?? "store")
    }

    /// A version-4 UUID, lower case: invoice ids.
    mutating func uuid() -> String {
        let hex = random.string(from: SeededRandom.lowerHex, count: 32)
        var characters = Array(hex)
        characters[12] = "4"
        characters[16] = Array("89ab")[Int(random.next() % 4)]
        let text = String(characters)
        let parts = [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4), text.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    /// 24 hex characters: order ids.
    mutating func orderID() -> String {
        random.string(from: SeededRandom.lowerHex, count: 24)
    }

    /// A 19- or 20-digit ICCID on the sandbox's issuer prefix (89 telecom, 88 test country code) with a
    /// valid Luhn check digit, not in `taken`.
    mutating func iccid(avoiding taken: (String) -> Bool) -> String {
        while true {
            let payload = "8988247" + random.string(from: SeededRandom.digits, count: random.chance(0.5) ? 11 : 12)
            let iccid = payload + String(Luhn.checkDigit(for: payload) ?? 0)
            if !taken(iccid) { return iccid }
        }
    }

    mutating func depositAddress(for method: PaymentMethod, price: String) -> String? {
        method.depositAddress(satoshis: price, random: &random)
    }

    /// The redemption an order will show once delivered, in the style its product uses.
    mutating func redemption(for product: Product, value: String, createdAt: Date, esim: ESIMProvision?) -> RedemptionInfo? {
        let expiry = Timestamp.format(createdAt.addingTimeInterval(365 * 86_400))
        let redeemAt = "https://redeem.sandbox.example/\(product.image)"
        switch product.redemption {
        case .code, .codeAndPin, .barcode:
            let code = groupedCode()
            var info = RedemptionInfo(
                code: code,
                instructions: "Redeem this \(value) \(product.currency) card at \(redeemAt) or in the \(product.name) app.",
                expirationDate: expiry,
                extraFields: [(key: "serial_number", value: random.string(from: SeededRandom.digits, count: 12))]
            )
            if product.redemption == .codeAndPin {
                info.pin = random.string(from: SeededRandom.digits, count: 6)
            }
            if product.redemption == .barcode {
                info.barcodeFormat = "CODE128"
                info.barcodeValue = random.string(from: SeededRandom.digits, count: 16)
            }
            return info
        case .link:
            return RedemptionInfo(
                link: "https://redeem.sandbox.example/c/\(random.string(from: SeededRandom.upperAlphanumerics, count: 24))",
                instructions: "Open the link to claim your \(value) \(product.currency) \(product.name) card.",
                expirationDate: expiry
            )
        case .phoneTopUp:
            return nil
        case .billReference:
            let reference = "BP-" + random.string(from: SeededRandom.upperAlphanumerics, count: 10)
            return RedemptionInfo(
                other: "Payment of \(value) \(product.currency) sent to \(product.name). Reference: \(reference)",
                extraFields: [(key: "reference", value: reference)]
            )
        case .esimProfile:
            guard let esim else { return nil }
            if esim.isTopUp {
                return RedemptionInfo(
                    other: "Added \(esim.bundleLabel) to eSIM \(esim.iccid)",
                    extraFields: [(key: "iccid", value: esim.iccid)]
                )
            }
            let lpa = "LPA:1$\(Self.smdpAddress)$\(esim.activationCode)"
            return RedemptionInfo(
                code: esim.activationCode,
                pin: esim.pin,
                instructions: "Scan the QR code from your phone's eSIM settings, or enter the SM-DP+ address and activation code by hand.",
                barcodeFormat: "QRCODE",
                barcodeValue: lpa,
                extraFields: [
                    (key: "iccid", value: esim.iccid),
                    (key: "smdp_address", value: Self.smdpAddress),
                    (key: "activation_code", value: esim.activationCode),
                ]
            )
        }
    }

    /// A new eSIM profile's activation code and PIN.
    mutating func esimCredentials() -> (activationCode: String, pin: String) {
        let code = [5, 5, 5, 5].map { random.string(from: SeededRandom.upperAlphanumerics, count: $0) }.joined(separator: "-")
        return ("SBX-" + code, random.string(from: SeededRandom.digits, count: 4))
    }

    private mutating func groupedCode() -> String {
        (0..<4).map { _ in random.string(from: SeededRandom.upperAlphanumerics, count: 4) }.joined(separator: "-")
    }
}
