import Foundation

/// The persisted shapes of the store's records: what `SandboxPersistence` files as opaque documents.
///
/// Orders name their product by id and are given it back from the catalog (the same seed builds the same
/// catalog), so a document stays small and a product's rendering follows the code, not the file.
enum RecordDocuments {
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    static func saved(_ record: InvoiceRecord) throws -> SavedInvoice {
        SavedInvoice(
            id: record.id,
            document: try encoder.encode(InvoiceDocument(record)),
            orders: try record.orders.map { SavedOrder(id: $0.id, document: try encoder.encode(OrderDocument($0))) }
        )
    }

    static func saved(_ esim: ESIMRecord) throws -> SavedESIM {
        SavedESIM(iccid: esim.iccid, document: try encoder.encode(esim))
    }

    static func invoice(_ saved: SavedInvoice, product: (String) -> Product?) throws(SandboxPersistenceError) -> InvoiceRecord {
        let decoder = JSONDecoder()
        do {
            let document = try decoder.decode(InvoiceDocument.self, from: saved.document)
            let orders = try saved.orders.map { order throws -> OrderRecord in
                let document = try decoder.decode(OrderDocument.self, from: order.document)
                guard let product = product(document.productID) else {
                    throw SandboxPersistenceError("order \(order.id) is for product '\(document.productID)', which this sandbox's catalog does not have")
                }
                return document.record(id: order.id, product: product)
            }
            return try document.record(id: saved.id, orders: orders)
        } catch let error as SandboxPersistenceError {
            throw SandboxPersistenceError("Saved sandbox invoice \(saved.id) cannot be restored: \(error.message)")
        } catch {
            throw SandboxPersistenceError("Saved sandbox invoice \(saved.id) cannot be read: \(error)")
        }
    }

    static func esim(_ saved: SavedESIM) throws(SandboxPersistenceError) -> ESIMRecord {
        do {
            return try JSONDecoder().decode(ESIMRecord.self, from: saved.document)
        } catch {
            throw SandboxPersistenceError("Saved sandbox eSIM \(saved.iccid) cannot be read: \(error)")
        }
    }
}

private struct InvoiceDocument: Codable {
    let createdAt: Date
    let method: String
    let address: String?
    let currency: String
    let price: String
    let accountTotal: Int64
    let webhookURL: String?
    let email: String?
    let refundAddress: String?
    let paidAt: Date?
    let expiredAt: Date?
    let webhookSent: Bool

    init(_ record: InvoiceRecord) {
        createdAt = record.createdAt
        method = record.quote.method.rawValue
        address = record.quote.address
        currency = record.quote.currency
        price = record.quote.price
        accountTotal = record.quote.accountTotal
        webhookURL = record.webhookURL
        email = record.email
        refundAddress = record.refundAddress
        paidAt = record.paidAt
        expiredAt = record.expiredAt
        webhookSent = record.webhookSent
    }

    func record(id: String, orders: [OrderRecord]) throws(SandboxPersistenceError) -> InvoiceRecord {
        guard let method = PaymentMethod(rawValue: method) else {
            throw SandboxPersistenceError("unknown payment method '\(method)'")
        }
        var record = InvoiceRecord(
            id: id, createdAt: createdAt,
            quote: PaymentQuote(method: method, address: address, currency: currency, price: price, accountTotal: accountTotal),
            orders: orders, webhookURL: webhookURL, email: email, refundAddress: refundAddress, paidAt: paidAt
        )
        record.expiredAt = expiredAt
        record.webhookSent = webhookSent
        return record
    }
}

private struct OrderDocument: Codable {
    let productID: String
    let valueLabel: String
    let amount: Double
    let accountPrice: Int64
    /// Digits; an integer for balance refunds, raw digits (possibly wider than Int64) for crypto.
    let refundAmount: String
    let refundIsInteger: Bool
    let refundCurrency: String
    let phoneNumber: String?
    let redemption: RedemptionDocument?
    let esim: ESIMProvision?
    let settled: Bool

    init(_ order: OrderRecord) {
        productID = order.product.id
        valueLabel = order.valueLabel
        amount = order.amount
        accountPrice = order.accountPrice
        switch order.refundAmount {
        case .int(let value):
            refundAmount = String(value)
            refundIsInteger = true
        case .rawNumber(let digits):
            refundAmount = digits
            refundIsInteger = false
        default:
            refundAmount = String(decoding: order.refundAmount.encoded(), as: UTF8.self)
            refundIsInteger = false
        }
        refundCurrency = order.refundCurrency
        phoneNumber = order.phoneNumber
        redemption = order.redemption.map(RedemptionDocument.init)
        esim = order.esim
        settled = order.settled
    }

    func record(id: String, product: Product) -> OrderRecord {
        var order = OrderRecord(
            id: id, product: product, valueLabel: valueLabel, amount: amount, accountPrice: accountPrice,
            refundAmount: refundIsInteger ? .int(Int64(refundAmount) ?? 0) : .rawNumber(refundAmount),
            refundCurrency: refundCurrency, phoneNumber: phoneNumber, redemption: redemption?.info, esim: esim
        )
        order.settled = settled
        return order
    }
}

private struct RedemptionDocument: Codable {
    struct Field: Codable {
        let key: String
        let value: String
    }

    let code: String?
    let link: String?
    let pin: String?
    let instructions: String?
    let other: String?
    let barcodeFormat: String?
    let barcodeValue: String?
    let expirationDate: String?
    let extraFields: [Field]

    init(_ info: RedemptionInfo) {
        code = info.code
        link = info.link
        pin = info.pin
        instructions = info.instructions
        other = info.other
        barcodeFormat = info.barcodeFormat
        barcodeValue = info.barcodeValue
        expirationDate = info.expirationDate
        extraFields = info.extraFields.map { Field(key: $0.key, value: $0.value) }
    }

    var info: RedemptionInfo {
        RedemptionInfo(code: code, link: link, pin: pin, instructions: instructions, other: other,
                       barcodeFormat: barcodeFormat, barcodeValue: barcodeValue, expirationDate: expirationDate,
                       extraFields: extraFields.map { (key: $0.key, value: $0.value) })
    }
}
