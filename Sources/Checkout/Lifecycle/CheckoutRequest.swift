import BitrefillAPI
import Foundation
import StorefrontDomain

/// What the user confirmed: the lines and how to pay. Turned into the intent the journal writes first.
public struct CheckoutRequest: Sendable, Equatable {
    public var kind: PurchaseKind
    public var lines: [PurchaseLine]
    public var paymentMethod: PaymentMethod
    public var autoPay: Bool
    public var refundAddress: String?
    public var email: String?
    public var webhookURL: String?
    /// The caller's name for this purchase: a later request with the same key gets the same purchase back.
    public var idempotencyKey: String?
    /// Whether the key was given by the caller or made by the program for one confirmation.
    public var keyOrigin: Placement.KeyOrigin
    /// Buy even though an identical purchase was made moments ago (`--again`, or confirmed in the TUI).
    public var again: Bool
    /// The saved cart's lines this purchase is made from: the intent holds them (not part of the request's identity).
    public var cartLineIDs: [String]
    /// The customer's ticket it is bought for (`--ticket`, the review's Ticket field); trimmed, empty meaning none.
    public var ticket: String?

    public init(kind: PurchaseKind = .invoice, lines: [PurchaseLine], paymentMethod: PaymentMethod = .balance, autoPay: Bool = true,
                refundAddress: String? = nil, email: String? = nil, webhookURL: String? = nil, idempotencyKey: String? = nil,
                keyOrigin: Placement.KeyOrigin = .given, again: Bool = false, cartLineIDs: [String] = [], ticket: String? = nil) {
        self.cartLineIDs = cartLineIDs
        self.keyOrigin = keyOrigin
        self.ticket = ticket.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        self.idempotencyKey = idempotencyKey
        self.again = again
        self.kind = kind
        self.lines = lines
        self.paymentMethod = paymentMethod
        self.autoPay = autoPay
        self.refundAddress = refundAddress
        self.email = email
        self.webhookURL = webhookURL
    }

    /// How a request is named for "never buy twice".
    public enum KeyPolicy: Sendable, Equatable {
        /// No name: the identical-request rules alone decide (`buy` without a key).
        case none
        /// The caller's key (`--idempotency-key`).
        case given(String)
        /// A key the program made for one confirmation (the TUI, one per confirmed cart): stored with the purchase like
        /// a given one, while an identical purchase moments ago is still asked about. Not derived from the cart's lines:
        /// their ids are product|value|phone and recur, so the same card bought again next week would get last week's
        /// purchase back.
        case generated(String)
    }

    /// The one intake for every purchase (`buy`, `esim topup`, the TUI): the endpoint from the lines, a refund
    /// address only for a crypto payment (a balance payment is refunded to the balance), both it and the email
    /// trimmed, empty meaning none, and the idempotency key the policy names.
    public static func make(lines: [CartLine], paymentMethod: PaymentMethod = .balance, autoPay: Bool? = nil,
                            refundAddress: String? = nil, email: String? = nil, webhookURL: String? = nil,
                            keyPolicy: KeyPolicy = .none, again: Bool = false, cartLineIDs: [String] = [],
                            ticket: String? = nil) -> CheckoutRequest {
        func given(_ text: String?) -> String? {
            text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var request = CheckoutRequest(kind: PurchaseResolver.kind(of: lines), lines: lines.map(PurchaseLine.init), paymentMethod: paymentMethod,
                                      autoPay: paymentMethod == .balance && (autoPay ?? true),
                                      refundAddress: paymentMethod == .balance ? nil : given(refundAddress), email: given(email),
                                      webhookURL: webhookURL, again: again, cartLineIDs: cartLineIDs, ticket: ticket)
        switch keyPolicy {
        case .none:
            break
        case .given(let key):
            request.idempotencyKey = key
        case .generated(let key):
            request.idempotencyKey = key
            request.keyOrigin = .generated
        }
        return request
    }

    /// The request a journalled purchase was made with: to send it again, or to know it again.
    public init(repeating purchase: Purchase) {
        self.init(kind: purchase.kind, lines: purchase.lines, paymentMethod: purchase.paymentMethod, autoPay: purchase.autoPay,
                  refundAddress: purchase.refundAddress, email: purchase.email,
                  idempotencyKey: purchase.idempotencyKey, ticket: purchase.ticket)
    }

    var apiRequest: InvoiceRequest {
        InvoiceRequest(products: lines.map(\.invoiceLine), paymentMethod: paymentMethod, autoPay: autoPay,
                       refundAddress: refundAddress, webhookURL: webhookURL, email: email,
                       sendEmail: email == nil ? nil : true)
    }

    /// The request's identity for reconciliation and idempotency keys: the same body hashes the same (FNV-1a, not a
    /// secret). Where to be told of it (`webhook_url`) is left out: being told elsewhere buys nothing else. The ticket
    /// is in when given: the same card for another customer's ticket is another purchase, not a repeat of this one.
    /// A request that cannot be encoded has no identity: it is refused before anything is written or sent (an
    /// empty hash would make every such request "the same purchase").
    public func fingerprint() throws(CheckoutError) -> String {
        try hash(ticket: ticket)
    }

    /// The body alone, whoever's ticket it is for: what the identical-recent rule compares. The same card bought for
    /// a ticket and asked for again without one (or the other way round) is most likely one customer served twice.
    public func bodyFingerprint() throws(CheckoutError) -> String {
        try hash(ticket: nil)
    }

    private func hash(ticket: String?) throws(CheckoutError) -> String {
        var identity = apiRequest
        identity.webhookURL = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            var body = try encoder.encode(identity)
            if let ticket { body.append(contentsOf: Array("\nticket:\(ticket)".utf8)) }
            return FNV1a.hex(body)
        } catch {
            throw CheckoutError("The purchase could not be encoded (\(error)), so nothing was written or sent. Check the values typed.")
        }
    }
}

extension PurchaseLine {
    var invoiceLine: InvoiceLine {
        let denomination: InvoiceLine.Denomination = switch self.denomination {
        case .package(let id): .package(id: id)
        case .value(let text): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map { .amount($0) } ?? .label(text)
        case .label(let label): .label(label)
        }
        return InvoiceLine(productId: productId, denomination: denomination, quantity: quantity, phoneNumber: phoneNumber, esimId: esimId)
    }

    /// A cart line as the journal keeps it.
    public init(_ line: CartLine) {
        let denomination: Denomination = switch line.choice {
        case .package(let package) where line.productType == .esim: .label(package.value)
        case .package(let package): .package(id: package.id)
        case .value(let amount): .value("\(amount)")
        }
        self.init(productId: line.productId, productName: line.productName, faceValue: line.faceValue, denomination: denomination,
                  quantity: line.quantity, unitPrice: line.unitPrice, phoneNumber: line.phoneNumber, esimId: line.esimId)
    }
}
