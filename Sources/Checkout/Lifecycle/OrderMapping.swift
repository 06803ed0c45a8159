import BitrefillAPI
import StorefrontDomain

extension PurchaseOrder {
    /// An order as the API sent it, its text sanitised.
    public init(_ order: Order) {
        self.init(id: order.id)
        merge(order)
    }

    mutating func merge(_ order: Order) {
        status = order.status ?? status
        if let product = order.product {
            productId = product.id.map(clean) ?? productId
            productName = product.name.map(clean) ?? productName
            // The currency belongs after an amount ("10 USD"), not after a bundle label ("1GB, 7 Days").
            value = product.value.map { value in
                let amount = !value.isEmpty && value.allSatisfy { $0.isNumber || $0 == "." }
                return [Sanitizer.clean(value), amount ? product.currency.map(clean) : nil].compactMap { $0 }.joined(separator: " ")
            } ?? value
        }
        if let info = order.redemptionInfo { redemption = Redemption(info) }
        if let refund = order.refund, let amount = refund.amount, let currency = refund.currency {
            self.refund = Money.fromAPI(amount, currency: .named(clean(currency))) ?? self.refund
        }
        error = order.error.map(clean) ?? error
        phoneNumber = order.phoneNumber.map(clean) ?? phoneNumber
        esimId = order.esimId.map(clean) ?? esimId
    }
}

/// Server text on its way to the journal and the terminal: controls and escape sequences removed.
/// Internal, not private: the engine's `apply(_:to:)` cleans the payment address with it too.
func clean(_ text: String) -> String { Sanitizer.clean(text) }

extension Redemption {
    /// Every field sanitised: this text reaches the terminal.
    init(_ info: RedemptionInfo) {
        self.init(code: info.code.map(clean), link: info.link.map(clean), pin: info.pin.map(clean),
                  instructions: info.instructions.map { Sanitizer.clean($0, keepNewlines: true) }, other: info.other.map(clean),
                  barcodeFormat: info.barcodeFormat.map(clean), barcodeValue: info.barcodeValue.map(clean),
                  expirationDate: info.expirationDate.map(clean),
                  extraFields: Self.cleanedFields(info.extraFields))
    }

    /// Sanitising can make two keys one ("a\u{1B}" and "a") or a key nothing: the values of keys that meet are
    /// joined, in the order of their raw keys so the same order always gives the same text, and a key that
    /// cleans to nothing is dropped, as there is nothing to label its value with.
    static func cleanedFields(_ raw: [String: String]) -> [String: String] {
        var fields: [String: [String]] = [:]
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            let name = clean(key).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            let text = clean(value)
            if fields[name]?.contains(text) != true { fields[name, default: []].append(text) }
        }
        return fields.mapValues { $0.joined(separator: " / ") }
    }
}
