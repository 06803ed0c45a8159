import BitrefillAPI
import Foundation
import Logging
import StorefrontCore
import Synchronization

/// Turns a confirmed request into an invoice and follows it to the end, writing every step to the journal
/// first: the intent before `POST /invoices`, the invoice id the moment it is known, each status and each
/// delivered code as it arrives. Creates and payments are never sent blindly twice: an answer that was lost
/// is reconciled against the server's list of invoices before anything is sent again.
public final class PurchaseEngine: Sendable {
    public let client: BitrefillClient
    public let journal: UserDatabase
    /// The API the purchases live on (its URL and account fingerprint).
    public let source: String
    public let budget: RequestBudget
    private let now: @Sendable () -> Date
    private let makeID: @Sendable () -> String
    /// Each step of each purchase, for the diagnostic log: ids, stages and statuses, never a code.
    private let logger: Logger

    public init(client: BitrefillClient, journal: UserDatabase, source: String, budget: RequestBudget = RequestBudget(),
                now: @escaping @Sendable () -> Date = { Date() },
                makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                logger: Logger = Logger(label: "storefront.checkout", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.logger = logger
        self.client = client
        self.journal = journal
        self.source = source
        self.budget = budget
        self.now = now
        self.makeID = makeID
    }

    // MARK: Create

    /// Writes the intent, sends the create, and records what came back: an invoice (followed from here), a
    /// refusal (nothing was bought), or a lost answer, which is reconciled at once.
    ///
    /// The same request as an earlier one whose create got no answer continues that one: it is reconciled,
    /// or sent again once proven never created, and never doubled. With `continuingUnfinished` (the CLI,
    /// where re-running a killed `buy` is how a script recovers) an identical purchase still being
    /// followed is continued too; the TUI, where buying the same cart again is a deliberate act, passes false.
    public func place(_ request: CheckoutRequest, continuingUnfinished: Bool = true) async throws(CheckoutError) -> Purchase {
        let hash = request.fingerprint
        let stages: [PurchaseStage] = [.intent, .sending, .ambiguous, .notCreated] + (continuingUnfinished ? [.created] : [])
        let candidates = try journaled {
            let keyed = try request.idempotencyKey.flatMap { try journal.purchase(idempotencyKey: $0) }
            return Placement.Candidates(
                keyed: try keyed.map { ($0, try journal.requestHash(of: $0.id) ?? "") },
                unfinished: try journal.openPurchase(source: source, requestHash: hash, stages: stages),
                recent: try journal.recentPurchase(source: source, requestHash: hash, stages: [.created, .settled],
                                                   since: now().addingTimeInterval(-Placement.repeatWindow)))
        }
        switch Placement.decide(requestHash: hash, key: request.idempotencyKey, again: request.again, candidates: candidates, now: now()) {
        case .refused(let refusal):
            throw CheckoutError(refusal.message, refusal: refusal)
        case .existing(var open):
            guard open.isUnfinished || open.stage == .notCreated, open.source == source else { return open }
            record(&open, "Continuing purchase \(open.id) instead of buying again: the same request was made again")
            try store(open)
            switch open.stage {
            case .notCreated: return try await resend(open.id, webhookURL: request.webhookURL)
            case .intent, .sending, .ambiguous: return try await reconcile(open.id)
            default: return open
            }
        case .new:
            break
        }
        let purchase = Purchase(id: makeID(), createdAt: now(), source: source, kind: request.kind, lines: request.lines,
                                paymentMethod: request.paymentMethod, autoPay: request.autoPay,
                                refundAddress: request.refundAddress, email: request.email, stage: .intent,
                                timeline: [TimelineEntry(at: now(), text: "Purchase written to the journal")],
                                idempotencyKey: request.idempotencyKey)
        try journaled { try journal.recordIntent(purchase, requestHash: request.fingerprint, at: now()) }
        return try await send(purchase, request: request)
    }

    /// Sends an intent again, which only a reconciliation that proved it absent allows.
    public func resend(_ id: String, webhookURL: String? = nil) async throws(CheckoutError) -> Purchase {
        let purchase = try load(id)
        guard purchase.stage == .notCreated else {
            throw CheckoutError("Purchase \(id) cannot be sent again: it is \(purchase.stage.rawValue). Only a purchase proven absent on the server may be.")
        }
        return try await send(purchase, request: request(for: purchase, webhookURL: webhookURL))
    }

    private func send(_ intent: Purchase, request: CheckoutRequest) async throws(CheckoutError) -> Purchase {
        var purchase = intent
        purchase.stage = .sending
        record(&purchase, "Creating the invoice")
        try store(purchase)
        let endpoint: Endpoint<Invoice>
        do {
            endpoint = request.kind == .esim ? try Endpoints.createESIMInvoice(request.apiRequest) : try Endpoints.createInvoice(request.apiRequest)
        } catch {
            purchase.stage = .refused
            purchase.problem = "The request could not be encoded: \(error)"
            try store(purchase)
            return purchase
        }
        do {
            let invoice = try await client.send(endpoint)
            purchase.stage = .created
            purchase.problem = nil
            record(&purchase, "Invoice \(invoice.id) created")
            apply(invoice, to: &purchase)
            try store(purchase)
            return purchase
        } catch let error as APIError where error.outcome == .notExecuted {
            purchase.stage = .refused
            purchase.problem = error.message
            purchase.refusalCode = error.errorCode
            record(&purchase, "Refused: \(error.message)")
            try store(purchase)
            return purchase
        } catch {
            purchase.stage = .ambiguous
            purchase.problem = "The answer to the create was lost (\(Self.describe(error))); checking whether the invoice exists."
            record(&purchase, "Create answer lost: \(Self.describe(error))")
            try store(purchase)
            return try await reconcile(purchase.id)
        }
    }

    // MARK: Reconcile

    /// Settles whether an intent whose create got no answer became an invoice: lists the invoices made since
    /// shortly before the intent and matches them. One match is adopted; none proves the invoice absent (it
    /// may be sent again); several, or a failed listing, leave it ambiguous for a person to decide.
    public func reconcile(_ id: String) async throws(CheckoutError) -> Purchase {
        var purchase = try load(id)
        guard purchase.source == source else { return purchase }
        guard purchase.invoiceId == nil, [.intent, .sending, .ambiguous].contains(purchase.stage) else { return purchase }
        let since = purchase.createdAt.addingTimeInterval(-Reconciliation.clockSkew)
        let known = try journaled { try journal.knownInvoiceIds(source: source) }
        let listed: [Invoice]
        do {
            listed = try await client.pages(Endpoints.invoices(after: Timestamps.iso8601(since))).collectItems()
        } catch {
            purchase.stage = .ambiguous
            purchase.problem = "Could not check whether the invoice was created (\(Self.describe(error))). Nothing will be sent again until it is known; retry the check."
            try store(purchase)
            return purchase
        }
        let matches = Reconciliation.matches(for: purchase, among: listed, excluding: known)
        switch matches.count {
        case 1:
            let invoice = matches[0]
            purchase.stage = .created
            purchase.problem = nil
            record(&purchase, "Found invoice \(invoice.id) on the server: the create had worked")
            apply(invoice, to: &purchase)
        case 0:
            purchase.stage = .notCreated
            purchase.problem = "The server has no invoice for this purchase: nothing was bought. It can be sent again."
            record(&purchase, "No matching invoice on the server: not created")
        default:
            purchase.stage = .ambiguous
            let ids = matches.map { $0.id }.joined(separator: ", ")
            purchase.problem = "\(matches.count) invoices on the server match this purchase (\(ids)). Check them with `storefront invoice show ID`; nothing will be sent again."
        }
        try store(purchase)
        return purchase
    }

    // MARK: Pay and follow

    /// Pays a balance invoice. Looks first: an invoice already paid (or a payment already asked for before a
    /// restart) is never paid again.
    public func pay(_ id: String) async throws(CheckoutError) -> Purchase {
        var purchase = try await refresh(id)
        guard let invoiceId = purchase.invoiceId, purchase.stage == .created else {
            throw CheckoutError("Purchase \(id) has no open invoice to pay.")
        }
        guard purchase.isUnpaidBalanceInvoice else { return purchase }
        purchase.payRequestedAt = now()
        record(&purchase, "Paying from the balance")
        try store(purchase)
        do {
            let invoice = try await client.send(Endpoints.payInvoice(id: invoiceId))
            apply(invoice, to: &purchase)
            purchase.problem = nil
        } catch let error as APIError where error.outcome == .notExecuted {
            purchase.payRequestedAt = nil
            purchase.problem = error.message
            record(&purchase, "Payment refused: \(error.message)")
        } catch {
            // Ambiguous: the payment may have gone through. The next look at the invoice tells; it is not sent again.
            purchase.problem = "The answer to the payment was lost (\(Self.describe(error))); following the invoice to see whether it was paid."
        }
        try store(purchase)
        return purchase
    }

    /// One look at the invoice: records new statuses, and fetches the codes of orders newly delivered.
    public func refresh(_ id: String) async throws(CheckoutError) -> Purchase {
        var purchase = try load(id)
        guard purchase.source == source else {
            throw CheckoutError("Purchase \(purchase.id) was made on another API (or an earlier run of the embedded sandbox, which keeps nothing when it stops); it can only be checked there. `storefront history` still shows what the journal knows.")
        }
        guard let invoiceId = purchase.invoiceId else { return purchase }
        do {
            let invoice = try await client.send(Endpoints.invoice(id: invoiceId))
            apply(invoice, to: &purchase)
            purchase.problem = nil
            try store(purchase)
            try await collectRedemptions(&purchase)
            if invoice.isSettled, purchase.ordersFinalAt == nil { purchase.ordersFinalAt = now() }
            if SettlementRules.isSettled(purchase, invoiceSettled: invoice.isSettled, now: now()) {
                purchase.stage = .settled
                let outcome = purchase.outcome.map(\.summary) ?? "settled"
                record(&purchase, "Settled: \(outcome)")
            }
        } catch {
            purchase.problem = "Could not check invoice \(invoiceId): \(Self.describe(error))"
            try store(purchase)
            throw CheckoutError(purchase.problem ?? "", apiError: error as? APIError)
        }
        try store(purchase)
        return purchase
    }

    /// Fetches `GET /orders/{id}` for delivered or refunded orders the journal has no details of yet. Each is
    /// written as soon as it arrives, so a code once seen is never lost.
    private func collectRedemptions(_ purchase: inout Purchase) async throws {
        for id in SettlementRules.ordersNeedingDetails(purchase) {
            guard let index = purchase.orders.firstIndex(where: { $0.id == id }) else { continue }
            let order = purchase.orders[index]
            let detail = try await client.send(Endpoints.order(id: order.id))
            purchase.orders[index].merge(detail)
            if purchase.orders[index].redemption != nil, order.redemption == nil {
                record(&purchase, "Order \(order.id): redemption details saved")
            }
            try store(purchase)
        }
    }

    /// Follows the purchase until it is settled or `deadline` passes, reporting each look. Transient failures
    /// (lost connection, 5xx, rate limit) are waited out; anything else stops and is thrown.
    public func follow(_ id: String, until deadline: Date? = nil, checkNow: CheckNowSignal? = nil,
                       onUpdate: @Sendable (Purchase, FollowProgress) -> Void = { _, _ in }) async throws(CheckoutError) -> Purchase {
        var attempt = 0
        var purchase = try load(id)
        if [.intent, .sending, .ambiguous].contains(purchase.stage) { purchase = try await reconcile(id) }
        if purchase.awaitsBalancePayment { return purchase }
        while purchase.stage == .created {
            do {
                purchase = try await refresh(id)
            } catch let error where error.isTransient {
                purchase = try load(id)
            }
            if purchase.stage != .created { break }
            let delay = PollSchedule.delay(attempt: attempt, budget: budget.current, now: now())
            attempt += 1
            if let deadline, now().addingTimeInterval(delay) > deadline {
                onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: nil, budget: budget.current))
                return purchase
            }
            onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: now().addingTimeInterval(delay), budget: budget.current))
            if Task.isCancelled { return purchase }
            if let checkNow {
                await checkNow.wait(upTo: delay)
            } else {
                try? await Task.sleep(for: .seconds(delay))
            }
            if Task.isCancelled { return purchase }
        }
        onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: nil, budget: budget.current))
        return purchase
    }

    /// Purchases on this API that stopped before their end: reconciled or followed again at start.
    public func unfinished() throws(CheckoutError) -> [Purchase] {
        try journaled { try journal.unfinishedPurchases(source: source) }
    }

    public func purchase(_ id: String) throws(CheckoutError) -> Purchase { try load(id) }

    // MARK: Helpers

    private func request(for purchase: Purchase, webhookURL: String?) -> CheckoutRequest {
        CheckoutRequest(kind: purchase.kind, lines: purchase.lines, paymentMethod: purchase.paymentMethod, autoPay: purchase.autoPay,
                        refundAddress: purchase.refundAddress, email: purchase.email, webhookURL: webhookURL,
                        idempotencyKey: purchase.idempotencyKey)
    }

    private func apply(_ invoice: Invoice, to purchase: inout Purchase) {
        let before = (purchase.invoiceStatus, purchase.paymentStatus)
        purchase.invoiceId = invoice.id
        purchase.invoiceStatus = invoice.status ?? purchase.invoiceStatus
        purchase.paymentStatus = invoice.payment?.status ?? purchase.paymentStatus
        if let payment = invoice.payment {
            purchase.payment = PaymentDue(address: payment.address.map(clean), amount: payment.amountDue ?? purchase.payment?.amount,
                                          expiryIsEstimate: purchase.payment?.expiryIsEstimate)
        }
        if let expiry = invoice.expirationTime.flatMap(Timestamps.parse) {
            purchase.expiresAt = expiry
            purchase.payment?.expiryIsEstimate = nil
        } else if purchase.expiresAt == nil, purchase.paymentMethod != .balance, purchase.payment?.address != nil {
            let created = invoice.createdTime.flatMap(Timestamps.parse) ?? purchase.createdAt
            purchase.expiresAt = created.addingTimeInterval(Self.usualExpiry)
            purchase.payment?.expiryIsEstimate = true
        }
        if (purchase.invoiceStatus, purchase.paymentStatus) != before {
            let words = [purchase.invoiceStatus.map { "Invoice: \(Self.spoken($0.rawValue))" },
                         purchase.paymentStatus.map { "payment: \(Self.spoken($0.rawValue))" }]
            record(&purchase, words.compactMap { $0 }.joined(separator: ", "))
        }
        for order in invoice.orders {
            if let index = purchase.orders.firstIndex(where: { $0.id == order.id }) {
                let previous = purchase.orders[index].status
                purchase.orders[index].merge(order)
                if let status = order.status, status != previous {
                    record(&purchase, "Order \(order.id): \(Self.spoken(status.rawValue))")
                }
            } else {
                var fresh = PurchaseOrder(id: order.id)
                fresh.merge(order)
                purchase.orders.append(fresh)
            }
        }
    }

    /// A step of the purchase's story: on its timeline, and in the diagnostic log.
    private func record(_ purchase: inout Purchase, _ text: String) {
        purchase.timeline.append(TimelineEntry(at: now(), text: text))
        logger.info("purchase \(text)", metadata: ["purchase": "\(purchase.id)", "stage": "\(purchase.stage.rawValue)",
                                                  "invoice": "\(purchase.invoiceId ?? "-")"])
    }

    private func load(_ id: String) throws(CheckoutError) -> Purchase {
        guard let purchase = try journaled({ try journal.purchase(id: id) ?? journal.purchase(invoiceId: id, source: source) ?? journal.newestPurchase(invoiceId: id) }) else {
            throw CheckoutError("No purchase \(id) in this data directory's journal. `storefront history` lists them.", isNotFound: true)
        }
        return purchase
    }

    private func store(_ purchase: Purchase) throws(CheckoutError) {
        try journaled { try journal.save(purchase, at: now()) }
    }

    private func journaled<T>(_ body: () throws -> T) throws(CheckoutError) -> T {
        do {
            return try body()
        } catch {
            throw CheckoutError("The purchase journal could not be used (\(error)), so nothing more was sent. Check the data directory's disk space and permissions.")
        }
    }

    /// How long an unpaid crypto invoice lives, per the API reference ("about 180 minutes").
    static let usualExpiry: TimeInterval = 180 * 60

    /// A status word as a person reads it: "payment_detected" → "payment detected".
    static func spoken(_ word: String) -> String {
        Sanitizer.clean(word).replacingOccurrences(of: "_", with: " ")
    }

    static func describe(_ error: any Error) -> String {
        (error as? APIError)?.message ?? "\(error)"
    }
}
