import Foundation

/// A value on the purchase screen that ↑↓ select and `Y` copies: where and how much to pay, and each
/// delivered code, PIN, link and activation detail. `reduce` (selection, copy, reveal) and the view (which row
/// is highlighted) build the same list, so they always agree on what the selection points at.
public struct PurchaseValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case paymentAddress, paymentAmount, code, pin, link, barcode, activationCode, smdpAddress, iccid
        /// One of the redemption's `extra_fields`, labelled by its key.
        case extra
    }

    public var kind: Kind
    /// The order it belongs to; nil for the payment's address and amount.
    public var orderId: String?
    public var label: String
    public var text: String
    /// Masked until revealed, and never shown in presentation mode.
    public var isSecret: Bool

    /// What the screen shows: the text, or for a masked secret dots and the last four characters (links keep
    /// their site, so a person can tell which shop it opens).
    public func display(masked: Bool, ascii: Bool) -> String {
        guard masked && isSecret else { return text }
        if kind == .link, let url = URL(string: text), let scheme = url.scheme, let host = url.host() {
            let site = "\(scheme)://\(host)/"
            return site + SecretMask.mask(String(text.dropFirst(site.count)), ascii: ascii)
        }
        return SecretMask.mask(text, ascii: ascii)
    }
}

public enum PurchaseValues {
    /// The selectable values in screen order: the payment while one is awaited, then each order's.
    public static func list(for purchase: Purchase) -> [PurchaseValue] {
        payment(of: purchase) + purchase.orders.flatMap(values(of:))
    }

    /// Where and how much to pay, while a crypto payment is awaited. Lightning's amount is inside the invoice.
    public static func payment(of purchase: Purchase) -> [PurchaseValue] {
        guard purchase.awaitsCryptoPayment, let address = purchase.payment?.address else { return [] }
        var values = [PurchaseValue(kind: .paymentAddress, label: purchase.paymentMethod == .lightning ? "Invoice" : "Pay to",
                                    text: address, isSecret: false)]
        if purchase.paymentMethod != .lightning, let amount = purchase.payment?.amount {
            values.append(PurchaseValue(kind: .paymentAmount, label: "Amount", text: amount.decimalString, isSecret: false))
        }
        return values
    }

    /// One order's codes and activation details, secrets first, then its extra fields. A text already listed
    /// (an eSIM's activation code is often its code too, its ICCID an extra field too) is listed once.
    public static func values(of order: PurchaseOrder) -> [PurchaseValue] {
        guard let redemption = order.redemption else {
            return order.esimId.map { [PurchaseValue(kind: .iccid, orderId: order.id, label: "ICCID", text: $0, isSecret: false)] } ?? []
        }
        func value(_ kind: PurchaseValue.Kind, _ label: String, _ text: String?, secret: Bool = true) -> PurchaseValue? {
            guard let text, !text.isEmpty else { return nil }
            return PurchaseValue(kind: kind, orderId: order.id, label: label, text: text, isSecret: secret)
        }
        var values: [PurchaseValue?] = []
        // An eSIM is installed by hand from its SM-DP+ address and activation code: those two come first, together.
        if let lpa = redemption.lpa {
            values += [value(.smdpAddress, "SM-DP+", lpa.smdp, secret: false), value(.activationCode, "Activation", lpa.activationCode)]
        }
        values += [value(.code, "Code", redemption.code), value(.pin, "PIN", redemption.pin), value(.link, "Link", redemption.link)]
        if redemption.lpa == nil {
            values.append(value(.barcode, "Barcode", redemption.barcodeValue))
        }
        values.append(value(.iccid, "ICCID", order.esimId, secret: false))
        for (key, text) in redemption.extraFields.sorted(by: { $0.key < $1.key }) {
            values.append(value(.extra, humanized(key), text, secret: looksSecret(key)))
        }
        var seen = Set<String>()
        return values.compactMap { $0 }.filter { seen.insert($0.text).inserted }
    }

    /// An extra field named like a credential is masked like a code: the API adds such fields per product.
    static func looksSecret(_ key: String) -> Bool {
        let key = key.lowercased()
        return ["code", "pin", "password", "secret", "token", "key", "voucher"].contains { key.contains($0) }
    }

    /// "serial_number" as "Serial number": extra fields are named for programs.
    static func humanized(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The QR codes a purchase shows: the payment URI while a crypto payment is awaited, and each delivered
    /// QRCODE barcode or eSIM profile.
    public static func qrPayloads(of purchase: Purchase) -> [String] {
        var payloads: [String] = []
        if let uri = paymentURI(of: purchase) { payloads.append(uri) }
        payloads += purchase.orders.compactMap { $0.redemption?.qrPayload }
        return payloads
    }

    /// What a wallet scans while the payment is awaited.
    public static func paymentURI(of purchase: Purchase) -> String? {
        guard purchase.awaitsCryptoPayment, let address = purchase.payment?.address else { return nil }
        return PaymentURI.make(method: purchase.paymentMethod, address: address, amount: purchase.payment?.amount)
    }
}
