import Foundation

/// One purchase as the journal knows it: what was asked for (the intent), the invoice it became, and every
/// order with what was delivered. The TUI, the CLI and the history all show this one value.
public struct Purchase: Sendable, Equatable, Identifiable {
    /// Local id of the intent, made before anything is sent.
    public var id: String
    public var createdAt: Date
    /// The API the invoice lives on (its URL and account); a purchase is only followed on its own API.
    public var source: String
    public var kind: PurchaseKind
    public var lines: [PurchaseLine]
    public var paymentMethod: PaymentMethod
    public var autoPay: Bool
    public var refundAddress: String?
    public var email: String?
    public var stage: PurchaseStage
    public var invoiceId: String?
    public var invoiceStatus: InvoiceStatus?
    public var paymentStatus: PaymentStatus?
    public var payment: PaymentDue?
    public var expiresAt: Date?
    /// Set once `POST /invoices/{id}/pay` was sent, so a restart never pays twice.
    public var payRequestedAt: Date?
    public var orders: [PurchaseOrder]
    public var timeline: [TimelineEntry]
    /// The last problem worth showing (a refusal, a lost connection), in words a support person can act on.
    public var problem: String?
    /// When every order first reached a final status: failed orders are looked at a little longer, until their
    /// refund shows (the API may record it shortly after the failure).
    public var ordersFinalAt: Date?
    /// The server's `error_code` when it refused the create (`balance_too_low`, `out_of_stock`, ...).
    public var refusalCode: String?
    /// The caller's name for this purchase (`--idempotency-key`): any later run with the same key gets this
    /// purchase back, whatever its stage, instead of a new one.
    public var idempotencyKey: String?
    /// Who bought it over `storefront ssh serve`: the SHA256 fingerprint of the listed SSH key whose session
    /// made it (`ssh-keygen -lf` spelling). Nil for a purchase made at this machine's own terminal.
    public var buyerKey: String?
    /// Who bought it: `--agent`, `STOREFRONT_AGENT` or `$USER@hostname`; over `storefront ssh serve`, the listed key's
    /// comment and fingerprint. A desk sharing one journal tells its agents' purchases apart by it. Nil only in
    /// journals written before purchases named their agent.
    public var agent: String?
    /// The customer's ticket this purchase was made for (`--ticket`, the review's Ticket field), as the desk names it.
    public var ticket: String?
    /// Whether this purchase holds the desk's claim on its ticket while it is in flight: the first one in flight for
    /// a ticket does; another by the same agent, or one bought with --again over a colleague's, does not. A journal
    /// keeps at most one unfinished claiming purchase per ticket, so two hosts racing for one ticket cannot both place.
    public var claimsTicket: Bool

    public init(id: String, createdAt: Date, source: String, kind: PurchaseKind, lines: [PurchaseLine],
                paymentMethod: PaymentMethod, autoPay: Bool, refundAddress: String? = nil, email: String? = nil,
                stage: PurchaseStage = .intent, invoiceId: String? = nil, invoiceStatus: InvoiceStatus? = nil,
                paymentStatus: PaymentStatus? = nil, payment: PaymentDue? = nil, expiresAt: Date? = nil,
                payRequestedAt: Date? = nil, orders: [PurchaseOrder] = [], timeline: [TimelineEntry] = [], problem: String? = nil,
                refusalCode: String? = nil, ordersFinalAt: Date? = nil, idempotencyKey: String? = nil,
                buyerKey: String? = nil, agent: String? = nil, ticket: String? = nil, claimsTicket: Bool = false) {
        self.id = id
        self.createdAt = createdAt
        self.source = source
        self.kind = kind
        self.lines = lines
        self.paymentMethod = paymentMethod
        self.autoPay = autoPay
        self.refundAddress = refundAddress
        self.email = email
        self.stage = stage
        self.invoiceId = invoiceId
        self.invoiceStatus = invoiceStatus
        self.paymentStatus = paymentStatus
        self.payment = payment
        self.expiresAt = expiresAt
        self.payRequestedAt = payRequestedAt
        self.orders = orders
        self.timeline = timeline
        self.problem = problem
        self.refusalCode = refusalCode
        self.ordersFinalAt = ordersFinalAt
        self.idempotencyKey = idempotencyKey
        self.buyerKey = buyerKey
        self.agent = agent
        self.ticket = ticket
        self.claimsTicket = claimsTicket
    }

    public var units: Int { lines.reduce(0) { $0 + $1.quantity } }

    /// "Café Müller 50 EUR ×2, Test Phone Refill 10 USD" — for lists and confirmations.
    public var title: String {
        lines.map { line in
            let base = "\(line.productName) \(line.faceValue)"
            return line.quantity > 1 ? "\(base) ×\(line.quantity)" : base
        }.joined(separator: ", ")
    }

    /// The `refusalCode` of a create refused by a rate limit: nothing was bought, and trying later will work.
    public static let rateLimitedCode = "rate_limited"

    /// Still moving: the journal resumes it at start.
    public var isUnfinished: Bool { PurchaseStage.unfinished.contains(stage) }

    /// What follows a placement, for the CLI and the TUI alike: an invoice that exists, or a create whose fate is
    /// open (reconciled first, then looked at), is followed at once; a refusal or a proven absence is not.
    public var followsAfterPlacement: Bool { isUnfinished }

    /// How it ended, once settled.
    public var outcome: PurchaseOutcome? {
        guard stage == .settled else { return nil }
        return PurchaseOutcome(invoiceStatus: invoiceStatus, paymentStatus: paymentStatus, orders: orders.map(\.status))
    }

    /// Where a failed order's refund goes: the account balance it was paid from, or the refund address a crypto
    /// purchase gave. nil when the purchase does not say (no address recorded).
    public var refundDestination: String? {
        if paymentMethod == .balance { return "the account balance" }
        guard let refundAddress, !refundAddress.isEmpty else { return nil }
        return refundAddress
    }

    /// Crypto payment still expected from the customer.
    public var awaitsCryptoPayment: Bool {
        stage == .created && paymentMethod != .balance && payment?.address != nil
            && (paymentStatus == nil || paymentStatus == .unpaid) && !(invoiceStatus?.isFinal ?? false)
            && (invoiceStatus == nil || invoiceStatus == .unpaid || invoiceStatus == .notDelivered)
    }

    /// A balance invoice nobody has paid, nor asked to pay, yet: `POST /pay` may be sent.
    public var isUnpaidBalanceInvoice: Bool {
        stage == .created && paymentMethod == .balance && payRequestedAt == nil
            && (paymentStatus == nil || paymentStatus == .unpaid)
            && (invoiceStatus == nil || invoiceStatus == .unpaid || invoiceStatus == .notDelivered)
    }

    /// An unpaid balance invoice without auto-pay: it waits for someone to pay it.
    public var awaitsBalancePayment: Bool {
        isUnpaidBalanceInvoice && !autoPay
    }
}

/// `POST /invoices` for everything but eSIMs, which go through `POST /esims` (new or top-up).
public enum PurchaseKind: String, Sendable, Equatable, Codable {
    case invoice, esim
}

/// Where a purchase stands in the journal.
public enum PurchaseStage: String, Sendable, Equatable, Codable {
    /// Written, not yet sent.
    case intent
    /// `POST` sent, no answer yet. Found like this at start: the program stopped mid-request.
    case sending
    /// The create's answer was lost: the invoice may or may not exist until reconciled.
    case ambiguous
    /// Reconciled: the server has no such invoice, so the intent may be sent again.
    case notCreated = "not_created"
    /// The server refused it (no invoice was made).
    case refused
    /// The invoice exists and is being followed.
    case created
    /// Nothing more will happen.
    case settled

    /// Sent or about to be, with no invoice known yet: the create's fate is still open.
    public static let awaitingInvoice: [PurchaseStage] = [.intent, .sending, .ambiguous]
    /// Its invoice exists: what it bought is bought.
    public static let bought: [PurchaseStage] = [.created, .settled]
    /// Still moving: resumed at start.
    public static let unfinished: [PurchaseStage] = awaitingInvoice + [.created]
    /// Known to hold no invoice (refused, or proven absent): the only stages that may be sent again.
    public static let holdingNoInvoice: [PurchaseStage] = [.notCreated, .refused]
}

/// One line as it was asked for.
public struct PurchaseLine: Sendable, Equatable, Codable {
    public enum Denomination: Sendable, Equatable, Codable {
        case package(id: String)
        case value(String)
        case label(String)
    }

    public var productId: String
    public var productName: String
    public var faceValue: String
    public var denomination: Denomination
    public var quantity: Int
    public var unitPrice: Int64?
    public var phoneNumber: String?
    public var esimId: String?

    public init(productId: String, productName: String, faceValue: String, denomination: Denomination, quantity: Int,
                unitPrice: Int64? = nil, phoneNumber: String? = nil, esimId: String? = nil) {
        self.productId = productId
        self.productName = productName
        self.faceValue = faceValue
        self.denomination = denomination
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.phoneNumber = phoneNumber
        self.esimId = esimId
    }
}

/// What a crypto invoice asks to be paid, or what a balance invoice costs.
public struct PaymentDue: Sendable, Equatable, Codable {
    public var address: String?
    public var amount: Money?
    /// True in journals written before expiries were taken only from the server: their `expiresAt` was a guess
    /// (three hours from creation) and is not shown as a countdown.
    public var expiryIsEstimate: Bool?

    public init(address: String? = nil, amount: Money? = nil, expiryIsEstimate: Bool? = nil) {
        self.address = address
        self.amount = amount
        self.expiryIsEstimate = expiryIsEstimate
    }
}

/// One order of the invoice and what it delivered.
public struct PurchaseOrder: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var productId: String?
    public var productName: String?
    public var value: String?
    public var status: OrderStatus?
    public var redemption: Redemption?
    /// What the order's refund gave back, in its real unit.
    public var refund: Money?
    public var error: String?
    public var phoneNumber: String?
    public var esimId: String?

    public init(id: String, productId: String? = nil, productName: String? = nil, value: String? = nil, status: OrderStatus? = nil,
                redemption: Redemption? = nil, refund: Money? = nil, error: String? = nil, phoneNumber: String? = nil,
                esimId: String? = nil) {
        self.id = id
        self.productId = productId
        self.productName = productName
        self.value = value
        self.status = status
        self.redemption = redemption
        self.refund = refund
        self.error = error
        self.phoneNumber = phoneNumber
        self.esimId = esimId
    }

    /// Delivered, and its redemption details are in the journal.
    public var hasRedemption: Bool { status == .delivered && redemption != nil }

    /// Journals written before refunds were money kept them as text ("16667 BTC", the amount in the smallest
    /// unit): read both, so an old entry still shows its refund in the right unit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        productId = try container.decodeIfPresent(String.self, forKey: .productId)
        productName = try container.decodeIfPresent(String.self, forKey: .productName)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        status = try container.decodeIfPresent(OrderStatus.self, forKey: .status)
        redemption = try container.decodeIfPresent(Redemption.self, forKey: .redemption)
        if let money = try? container.decodeIfPresent(Money.self, forKey: .refund) {
            refund = money
        } else if let text = try? container.decodeIfPresent(String.self, forKey: .refund) {
            let parts = text.split(separator: " ")
            refund = parts.count == 2 ? Decimal(string: String(parts[0])).flatMap { Money.fromAPI($0, currency: .named(String(parts[1]))) } : nil
        }
        error = try container.decodeIfPresent(String.self, forKey: .error)
        phoneNumber = try container.decodeIfPresent(String.self, forKey: .phoneNumber)
        esimId = try container.decodeIfPresent(String.self, forKey: .esimId)
    }
}

/// What a delivered order gives the customer. Every field may be missing (phone top-ups have none).
public struct Redemption: Sendable, Equatable, Codable {
    public var code: String?
    public var link: String?
    public var pin: String?
    public var instructions: String?
    public var other: String?
    public var barcodeFormat: String?
    public var barcodeValue: String?
    public var expirationDate: String?
    public var extraFields: [String: String]

    public init(code: String? = nil, link: String? = nil, pin: String? = nil, instructions: String? = nil, other: String? = nil,
                barcodeFormat: String? = nil, barcodeValue: String? = nil, expirationDate: String? = nil,
                extraFields: [String: String] = [:]) {
        self.code = code
        self.link = link
        self.pin = pin
        self.instructions = instructions
        self.other = other
        self.barcodeFormat = barcodeFormat
        self.barcodeValue = barcodeValue
        self.expirationDate = expirationDate
        self.extraFields = extraFields
    }

    /// The QR to draw: a QRCODE barcode, or an eSIM's LPA string whatever the format says.
    public var qrPayload: String? {
        guard let barcodeValue, !barcodeValue.isEmpty else { return nil }
        if barcodeValue.hasPrefix("LPA:") { return barcodeValue }
        return barcodeFormat?.uppercased() == "QRCODE" ? barcodeValue : nil
    }

    /// The SM-DP+ address and activation code of an LPA string (`LPA:1$smdp$code`), for manual entry.
    public var lpa: (smdp: String, activationCode: String)? {
        guard let barcodeValue, barcodeValue.hasPrefix("LPA:") else { return nil }
        let parts = barcodeValue.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        return (String(parts[1]), String(parts[2]))
    }
}

/// One step of the story, shown as the invoice's timeline: what happened, as data, with its words derived
/// where it is shown (the purchase screen, the CLI's progress, the diagnostic log).
public struct TimelineEntry: Sendable, Equatable, Codable {
    public var at: Date
    public var event: TimelineEvent

    public init(at: Date, _ event: TimelineEvent) {
        self.at = at
        self.event = event
    }

    /// The step as a person reads it.
    public var text: String { event.text }

    enum CodingKeys: String, CodingKey { case at, event, text }

    /// Journals written before the timeline was data kept its words: they read back as `.note`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        at = try container.decode(Date.self, forKey: .at)
        event = try container.decodeIfPresent(TimelineEvent.self, forKey: .event)
            ?? .note(try container.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(event, forKey: .event)
    }
}

/// What happened to a purchase, step by step. Server words inside (a refusal's message) are sanitised before
/// they get here.
public enum TimelineEvent: Sendable, Equatable, Codable {
    case written
    /// The same request was made again and this purchase continued instead of a new one.
    case continued(purchaseId: String)
    case creating
    case created(invoiceId: String)
    case refused(String)
    case createAnswerLost(String)
    case foundOnServer(invoiceId: String)
    case absentOnServer
    case statusChanged(invoice: InvoiceStatus?, payment: PaymentStatus?)
    case orderStatus(orderId: String, OrderStatus)
    case redemptionSaved(orderId: String)
    case paying
    case paymentRefused(String)
    case settled(PurchaseOutcome?)
    /// Words only: a step from a journal written before the timeline was data.
    case note(String)

    public var text: String {
        switch self {
        case .written: "Purchase written to the journal"
        case .continued(let id): "Continuing purchase \(id) instead of buying again: the same request was made again"
        case .creating: "Creating the invoice"
        case .created(let id): "Invoice \(id) created"
        case .refused(let message): "Refused: \(message)"
        case .createAnswerLost(let detail): "Create answer lost: \(detail)"
        case .foundOnServer(let id): "Found invoice \(id) on the server: the create had worked"
        case .absentOnServer: "No matching invoice on the server: not created"
        case .statusChanged(let invoice, let payment):
            [invoice.map { "Invoice: \(Self.spoken($0.rawValue))" }, payment.map { "payment: \(Self.spoken($0.rawValue))" }]
                .compactMap { $0 }.joined(separator: ", ")
        case .orderStatus(let id, let status): "Order \(id): \(Self.spoken(status.rawValue))"
        case .redemptionSaved(let id): "Order \(id): redemption details saved"
        case .paying: "Paying from the balance"
        case .paymentRefused(let message): "Payment refused: \(message)"
        case .settled(let outcome): "Settled: \(outcome?.summary ?? "settled")"
        case .note(let text): text
        }
    }

    /// A status word as a person reads it: "payment_detected" → "payment detected".
    static func spoken(_ word: String) -> String {
        Sanitizer.clean(word).replacingOccurrences(of: "_", with: " ")
    }
}
