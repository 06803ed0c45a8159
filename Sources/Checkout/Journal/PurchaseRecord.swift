import Foundation
import GRDB
import StorefrontDomain

/// A purchase as stored: scalar columns for what is queried (stage, invoice id, source, time), JSON for the
/// lines, payment and orders, which are only ever read whole. Public so that another journal (the team's
/// PostgreSQL one) stores the same columns in the same encoding.
public struct PurchaseRecord: Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "purchase"
    /// Times as Unix seconds, so the STRICT REAL columns sort and compare them as numbers.
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSince1970 }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }

    public var id: String
    public var createdAt: Date
    public var updatedAt: Date
    public var source: String
    public var kind: String
    public var linesJSON: String
    public var requestHash: String
    /// The request's body without its ticket (`CheckoutRequest.bodyFingerprint`), derived from the purchase: what
    /// the identical-recent rule compares.
    public var bodyHash: String?
    public var paymentMethod: String
    public var autoPay: Bool
    public var refundAddress: String?
    public var email: String?
    public var stage: String
    public var invoiceId: String?
    public var invoiceStatus: String?
    public var paymentStatus: String?
    public var paymentJSON: String?
    public var expiresAt: Date?
    public var payRequestedAt: Date?
    public var ordersJSON: String
    public var timelineJSON: String
    public var problem: String?
    public var refusalCode: String?
    public var ordersFinalAt: Date?
    public var idempotencyKey: String?
    public var buyerKey: String?
    public var agent: String?
    public var ticket: String?
    public var ticketClaimed: Bool
    /// Lower-cased words the history search matches: invoice id, products, phones (also as digits), ICCIDs, and
    /// the last characters of every masked value.
    public var searchText: String

    public enum CodingKeys: String, CodingKey {
        case id, source, kind, email, stage, problem, agent, ticket
        case createdAt = "created_at", updatedAt = "updated_at", linesJSON = "lines_json", requestHash = "request_hash", bodyHash = "body_hash"
        case paymentMethod = "payment_method", autoPay = "auto_pay", refundAddress = "refund_address"
        case invoiceId = "invoice_id", refusalCode = "refusal_code", ordersFinalAt = "orders_final_at", idempotencyKey = "idempotency_key", buyerKey = "buyer_key", ticketClaimed = "ticket_claimed", invoiceStatus = "invoice_status", paymentStatus = "payment_status"
        case paymentJSON = "payment_json", expiresAt = "expires_at", payRequestedAt = "pay_requested_at"
        case ordersJSON = "orders_json", timelineJSON = "timeline_json", searchText = "search_text"
    }

    public init(_ purchase: Purchase, requestHash: String, updatedAt: Date) throws {
        id = purchase.id
        createdAt = purchase.createdAt
        self.updatedAt = updatedAt
        source = purchase.source
        kind = purchase.kind.rawValue
        linesJSON = try Self.json(purchase.lines)
        self.requestHash = requestHash
        bodyHash = try? CheckoutRequest(repeating: purchase).bodyFingerprint()
        paymentMethod = purchase.paymentMethod.rawValue
        autoPay = purchase.autoPay
        refundAddress = purchase.refundAddress
        email = purchase.email
        stage = purchase.stage.rawValue
        invoiceId = purchase.invoiceId
        invoiceStatus = purchase.invoiceStatus?.rawValue
        paymentStatus = purchase.paymentStatus?.rawValue
        paymentJSON = try purchase.payment.map(Self.json)
        expiresAt = purchase.expiresAt
        payRequestedAt = purchase.payRequestedAt
        ordersJSON = try Self.json(purchase.orders)
        timelineJSON = try Self.json(purchase.timeline)
        problem = purchase.problem
        refusalCode = purchase.refusalCode
        ordersFinalAt = purchase.ordersFinalAt
        idempotencyKey = purchase.idempotencyKey
        buyerKey = purchase.buyerKey
        agent = purchase.agent
        ticket = purchase.ticket
        ticketClaimed = purchase.claimsTicket
        searchText = Self.searchWords(purchase)
    }

    public func purchase() throws -> Purchase {
        Purchase(id: id, createdAt: createdAt, source: source, kind: PurchaseKind(rawValue: kind) ?? .invoice,
                 lines: try Self.decode([PurchaseLine].self, linesJSON), paymentMethod: PaymentMethod(rawValue: paymentMethod),
                 autoPay: autoPay, refundAddress: refundAddress, email: email, stage: PurchaseStage(rawValue: stage) ?? .ambiguous,
                 invoiceId: invoiceId, invoiceStatus: invoiceStatus.map(InvoiceStatus.init(rawValue:)),
                 paymentStatus: paymentStatus.map(PaymentStatus.init(rawValue:)),
                 payment: try paymentJSON.map { try Self.decode(PaymentDue.self, $0) }, expiresAt: expiresAt,
                 payRequestedAt: payRequestedAt, orders: try Self.decode([PurchaseOrder].self, ordersJSON),
                 timeline: try Self.decode([TimelineEntry].self, timelineJSON), problem: problem,
                 refusalCode: refusalCode, ordersFinalAt: ordersFinalAt, idempotencyKey: idempotencyKey,
                 buyerKey: buyerKey, agent: agent, ticket: ticket, claimsTicket: ticketClaimed)
    }

    static func searchWords(_ purchase: Purchase) -> String {
        let words = searchWords(id: purchase.id, invoiceId: purchase.invoiceId, lines: purchase.lines, orders: purchase.orders)
        // The ticket too, so the history's `/` finds a customer's purchases by the desk's own reference.
        guard let ticket = purchase.ticket, !ticket.isEmpty else { return words }
        return words + " " + ticket.lowercased()
    }

    /// The search words of a purchase from the columns they come from, so a migration can rebuild them from a row
    /// of any later schema.
    static func searchWords(id: String, invoiceId: String?, lines: [PurchaseLine], orders: [PurchaseOrder]) -> String {
        var words = [id, invoiceId ?? ""]
        var phones: [String] = []
        for line in lines {
            words += [line.productId, line.productName, line.esimId ?? ""]
            phones.append(line.phoneNumber ?? "")
        }
        for order in orders {
            words += [order.id, order.productName ?? "", order.esimId ?? ""]
            phones.append(order.phoneNumber ?? "")
            // A masked value is matched by its last characters only, which is what the screen shows of it and what
            // a customer reads out on the phone: codes, PINs, links, barcodes, activation codes, secret extra fields.
            for value in PurchaseValues.values(of: order) where value.isSecret && value.text.count >= 4 {
                words.append("…" + value.text.suffix(6))
            }
        }
        // Phone numbers as stored and as bare digits, so a number typed with spaces, dashes or a trunk 0 is found.
        words += phones + phones.map(PhoneSearch.digits)
        return words.filter { !$0.isEmpty }.joined(separator: " ").lowercased()
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
