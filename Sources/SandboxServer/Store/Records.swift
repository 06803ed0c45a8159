import Foundation

/// What a delivered order hands over, minted when the order is created and shown once it is delivered.
struct RedemptionInfo: Sendable {
    var code: String?
    var link: String?
    var pin: String?
    var instructions: String?
    var other: String?
    var barcodeFormat: String?
    var barcodeValue: String?
    var expirationDate: String?
    var extraFields: [(key: String, value: String)] = []
}

/// The eSIM profile an eSIM order installs or tops up.
struct ESIMProvision: Sendable, Codable {
    let iccid: String
    /// True when the order adds a bundle to an eSIM that already exists.
    let isTopUp: Bool
    let bundleLabel: String
    let dataMB: Int
    let activationCode: String
    let pin: String
}

/// One unit of one product. An invoice for `quantity: 3` holds three of these.
struct OrderRecord: Sendable {
    let id: String
    let product: Product
    let valueLabel: String
    /// Face value, for the docs dialect's numeric `value`.
    let amount: Double
    /// Price in the account currency's smallest unit.
    let accountPrice: Int64
    /// What a failed order gives back, in the invoice's payment currency and unit.
    let refundAmount: JSON
    let refundCurrency: String
    let phoneNumber: String?
    let redemption: RedemptionInfo?
    let esim: ESIMProvision?
    /// Final side effects (refund credited, eSIM created) already applied.
    var settled = false

    var fails: Bool { product.failsDelivery }
}

/// The payment part of an invoice, fixed at creation.
struct PaymentQuote: Sendable {
    let method: PaymentMethod
    let address: String?
    let currency: String
    /// In the smallest unit of `currency`, as digits (wei overflow `Int64`).
    let price: String
    /// The invoice total in account units: what a balance payment charges.
    let accountTotal: Int64
}

struct InvoiceRecord: Sendable {
    let id: String
    let createdAt: Date
    let quote: PaymentQuote
    var orders: [OrderRecord]
    let webhookURL: String?
    let email: String?
    let refundAddress: String?
    /// When payment was made (balance) or simulated (crypto); automatic crypto detection is in the timeline.
    var paidAt: Date?
    /// Set when the invoice is expired by hand before its natural expiry.
    var expiredAt: Date?
    /// The final-state webhook has been handed to the dispatcher.
    var webhookSent = false
}

/// An eSIM the account owns.
struct ESIMRecord: Sendable, Codable {
    struct Bundle: Sendable, Codable {
        let name: String
        let dataMB: Int
        var status: String
        var remainingBytes: Int64
    }

    let iccid: String
    let productID: String
    let createdAt: Date
    let smdpAddress: String
    let activationCode: String
    let pin: String
    var installed: Bool
    var bundles: [Bundle]

    var lpa: String { "LPA:1$\(smdpAddress)$\(activationCode)" }
}
