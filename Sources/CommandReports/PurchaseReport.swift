import Foundation
import StorefrontDomain

/// A purchase as the CLI prints it, in JSON or as text. Secrets (codes, PINs, QR payloads) are masked unless
/// `reveal` is asked for, so a terminal log or a shared screen does not give them away.
public struct PurchaseReport: Encodable, Sendable {
    public struct OrderReport: Encodable, Sendable {
        var id: String
        var productId: String?
        var product: String?
        var value: String?
        var status: String?
        var code: String?
        var pin: String?
        var link: String?
        var instructions: String?
        var other: String?
        var barcodeFormat: String?
        var barcodeValue: String?
        var expirationDate: String?
        var extraFields: [String: String]?
        /// What a failed order gave back: a decimal string in `refundCurrency`'s unit, like every amount in JSON.
        var refund: String?
        var refundCurrency: String?
        var error: String?
        var phoneNumber: String?
        var iccid: String?
        var masked: Bool

        enum CodingKeys: String, CodingKey {
            case id, product, value, status, code, pin, link, instructions, other, refund, error, masked, iccid
            case barcodeFormat = "barcode_format", barcodeValue = "barcode_value", expirationDate = "expiration_date"
            case extraFields = "extra_fields", phoneNumber = "phone_number", productId = "product_id", refundCurrency = "refund_currency"
        }

        public init(_ order: PurchaseOrder, reveal: Bool) {
            let info = order.redemption
            let secret: (String?) -> String? = { value in value.map { reveal ? $0 : SecretMask.mask($0) } }
            id = order.id
            productId = order.productId
            product = order.productName ?? order.productId
            value = order.value
            status = order.status?.rawValue
            code = secret(info?.code)
            pin = secret(info?.pin)
            link = info?.link
            instructions = info?.instructions
            other = info?.other
            barcodeFormat = info?.barcodeFormat
            barcodeValue = secret(info?.barcodeValue)
            expirationDate = info?.expirationDate
            extraFields = info.map(\.extraFields).flatMap { $0.isEmpty ? nil : $0 }
            refund = order.refund?.decimalString
            refundCurrency = order.refund?.currency.code
            error = order.error
            phoneNumber = order.phoneNumber
            iccid = order.esimId
            masked = !reveal && (info?.code != nil || info?.pin != nil || info?.barcodeValue != nil)
        }

        /// The order as lines of text: its status, then each field it has.
        public func text(indent: String = "") -> String {
            var lines = ["\(indent)Order \(id)  \(product ?? "?") \(value ?? "")  \(status ?? "unknown")"]
            let fields: [(String, String?)] = [
                ("Code", code), ("PIN", pin), ("Link", link), ("Expires", expirationDate), ("Barcode", barcodeValue),
                ("ICCID", iccid), ("Phone", phoneNumber), ("Other", other),
                ("Refund", refund.map { [$0, refundCurrency].compactMap { $0 }.joined(separator: " ") }), ("Failed", error),
                ("Instructions", instructions),
            ]
            for (label, value) in fields {
                if let value, !value.isEmpty { lines.append("\(indent)  \(label): \(value)") }
            }
            for (key, value) in (extraFields ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("\(indent)  \(key): \(value)")
            }
            if masked { lines.append("\(indent)  (masked; --reveal shows it)") }
            return lines.joined(separator: "\n")
        }
    }

    /// One line as asked for, by the ids a script keys on.
    public struct LineReport: Encodable, Sendable {
        var productId: String
        var packageId: String?
        var value: String?
        var quantity: Int
        var phoneNumber: String?
        var esimId: String?

        enum CodingKeys: String, CodingKey {
            case value, quantity
            case productId = "product_id", packageId = "package_id", phoneNumber = "phone_number", esimId = "esim_id"
        }

        init(_ line: PurchaseLine) {
            productId = line.productId
            switch line.denomination {
            case .package(let id): packageId = id
            case .value(let text), .label(let text): value = text
            }
            quantity = line.quantity
            phoneNumber = line.phoneNumber
            esimId = line.esimId
        }
    }

    var purchase: String
    var idempotencyKey: String?
    /// The SSH key fingerprint of the buyer, for a purchase made over `storefront ssh serve`.
    var buyerKey: String?
    /// Who bought it, and the customer's ticket it was bought for (team mode's history keys on both).
    var agent: String?
    var ticket: String?
    /// `invoice` (POST /invoices) or `esim` (POST /esims).
    var kind: String
    var lines: [LineReport]
    var invoice: String?
    var stage: String
    var outcome: String?
    var invoiceStatus: String?
    var paymentStatus: String?
    var paymentMethod: String
    var paymentAddress: String?
    /// What the invoice costs: a decimal string in `paymentCurrency`'s unit, like every amount in JSON.
    var paymentAmount: String?
    var paymentCurrency: String?
    var created: String
    var items: String
    var problem: String?
    var orders: [OrderReport]

    enum CodingKeys: String, CodingKey {
        case purchase, invoice, stage, outcome, orders, created, items, problem, kind, lines, agent, ticket
        case idempotencyKey = "idempotency_key", buyerKey = "buyer_key"
        case invoiceStatus = "invoice_status", paymentStatus = "payment_status", paymentMethod = "payment_method"
        case paymentAddress = "payment_address", paymentAmount = "payment_amount", paymentCurrency = "payment_currency"
    }

    public init(_ purchase: Purchase, reveal: Bool) {
        self.purchase = purchase.id
        idempotencyKey = purchase.idempotencyKey
        buyerKey = purchase.buyerKey
        agent = purchase.agent
        ticket = purchase.ticket
        kind = purchase.kind.rawValue
        lines = purchase.lines.map(LineReport.init)
        invoice = purchase.invoiceId
        stage = purchase.stage.rawValue
        outcome = purchase.outcome?.rawValue
        invoiceStatus = purchase.invoiceStatus?.rawValue
        paymentStatus = purchase.paymentStatus?.rawValue
        paymentMethod = purchase.paymentMethod.rawValue
        paymentAddress = purchase.payment?.address
        paymentAmount = purchase.payment?.amount?.decimalString
        paymentCurrency = purchase.payment?.amount?.currency.code
        created = purchase.createdAt.formatted(.iso8601)
        items = purchase.title
        problem = purchase.problem
        orders = purchase.orders.map { OrderReport($0, reveal: reveal) }
    }

    /// The text a person reads: a header, then one block per order.
    public var text: String {
        var lines = ["Purchase \(purchase)" + (invoice.map { "  invoice \($0)" } ?? ""),
                     "  \(items)",
                     "  Paid with \(paymentMethod)" + (paymentAmount.map { ": \([$0, paymentCurrency].compactMap { $0 }.joined(separator: " "))" } ?? "")
                        + "  ·  " + (outcome.map { "Outcome: \($0)" } ?? "Stage: \(stage)")]
        if agent != nil || ticket != nil {
            lines.append("  " + ["Agent: \(agent.map { Sanitizer.clean($0) } ?? "not recorded")", ticket.map { "Ticket: \(Sanitizer.clean($0))" }]
                .compactMap { $0 }.joined(separator: "  ·  "))
        }
        if let buyerKey { lines.append("  Bought over SSH by key \(buyerKey)") }
        if let invoiceStatus { lines.append("  Invoice \(invoiceStatus)" + (paymentStatus.map { ", payment \($0)" } ?? "")) }
        if let problem { lines.append("  ! \(problem)") }
        for order in orders { lines.append(order.text(indent: "  ")) }
        if orders.contains(where: \.masked) { lines.append("  Codes are masked; add --reveal to show them.") }
        return lines.joined(separator: "\n")
    }
}
