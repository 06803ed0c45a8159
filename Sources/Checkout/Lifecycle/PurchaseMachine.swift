import BitrefillAPI
import Foundation
import StorefrontDomain

/// The purchase lifecycle as a pure state machine, in the style of AsyncHTTPClient's connection state
/// machines: `handle(event) -> [action]`. Events are what happened (an answer, a failure, a timer); actions are
/// what to do next (write the journal, create, list, look, pay, wait). No I/O and no clock here: `now` comes
/// with each event, so every rule (reconcile, pay once, settle, refund grace) is a row in `PurchaseMachineTests`,
/// and `PurchaseEngine` is only the driver that performs the actions, for the CLI and the TUI alike.
public struct PurchaseMachine: Sendable {
    public private(set) var purchase: Purchase
    /// What the machine waits to hear: the answer to the one request it asked for, or a command. Together with
    /// the purchase's stage this is the machine's state; an event it does not wait for is rejected, never applied
    /// (a listing arriving after the purchase settled must not overwrite it).
    public private(set) var awaiting: Awaiting = .command
    /// Orders whose details this look still fetches, in order.
    private var pendingDetails: [String] = []
    /// Whether the invoice of the current look is settled, once seen.
    private var invoiceSettled = false

    /// The API this machine talks to (`PurchaseEngine.source`). A purchase made on another one (another account, or an
    /// embedded sandbox whose store was deleted since) can only be checked there: the machine refuses to look,
    /// pay, send or reconcile it, so no caller has to remember to.
    public let api: String

    public init(_ purchase: Purchase, on api: String) {
        self.purchase = purchase
        self.api = api
    }

    /// A machine on the API the purchase was made on.
    public init(_ purchase: Purchase) {
        self.init(purchase, on: purchase.source)
    }

    public enum Event: Sendable {
        /// Send the intent (new, proven absent on the server, or refused by it: none holds an invoice).
        case send
        /// Pick up where the journal left off: reconcile a create without an answer, or look at the invoice.
        case resume
        /// The same request was confirmed again (the same key, or an identical unfinished request): continue this
        /// purchase instead of making a new one. One the server refused or proved absent is sent again; one whose
        /// create has no answer yet is reconciled first.
        case requestedAgain
        /// One look at the invoice now.
        case look
        /// Pay a balance invoice, after a look.
        case payWanted
        case requestUnencodable(String)
        case createAnswered(Invoice)
        /// The server answered with a refusal: nothing was created.
        case createRefused(message: String, code: String?)
        /// No definite answer (timeout, lost connection, 5xx): the invoice may or may not exist.
        case createLost(String)
        /// The create failed as the client saw it, raw: the machine decides refused (the server said no) or lost.
        case createFailed(APIError)
        case listed([Invoice], known: Set<String>)
        case listingFailed(String)
        case invoiceSeen(Invoice)
        case orderSeen(Order)
        /// A look (invoice or order) failed; a transient failure is waited out, anything else stops the follow.
        case lookFailed(String, transient: Bool)
        /// A look failed as the client saw it, raw: the machine decides whether it is waited out.
        case lookFailedWith(APIError)
        case payAnswered(Invoice)
        case payRefused(String)
        case payLost(String)
        /// The payment failed as the client saw it, raw: refused (it may be asked for again) or lost (never again).
        case payFailed(APIError)
        case timerFired
    }

    /// The answer the machine waits for, named after the request that asked for it.
    public enum Awaiting: Sendable, Equatable {
        /// Nothing asked: ready for a command (`send`, `resume`, `requestedAgain`, `look`, `payWanted`, `timerFired`).
        case command
        case createAnswer
        case listing
        case invoice
        case order(String)
        case payAnswer
    }

    /// An event that cannot happen in the machine's state: a bug in its driver, named so tests can pin it.
    public struct Rejection: Sendable, Equatable, CustomStringConvertible {
        public var event: String
        public var stage: PurchaseStage
        public var awaiting: Awaiting

        public init(event: String, stage: PurchaseStage, awaiting: Awaiting) {
            self.event = event
            self.stage = stage
            self.awaiting = awaiting
        }

        public var description: String {
            "The purchase step \(event) cannot happen while the purchase is \(stage.rawValue) and waiting for \(awaiting); nothing was applied or sent."
        }
    }

    public enum Action: Sendable, Equatable {
        /// Write the purchase to the journal before anything else happens.
        case record
        /// `POST /invoices` or `POST /esims`.
        case create
        case listInvoices(since: Date)
        case getInvoice(String)
        case getOrder(String)
        case pay(invoiceId: String)
        /// Wait for the next scheduled look (or a webhook), then `timerFired`.
        case wait
        /// Nothing more to do for now.
        case done
        /// Stop with this problem (not transient; nothing is lost, the journal has the purchase).
        case fail(String)
        /// The purchase was made on another API: nothing here can check it or send it. Stop and say so.
        case madeElsewhere
        /// The event was not one the machine waits for: nothing changed.
        case rejected(Rejection)
    }

    /// One event in, what to do next out: at most one journal write (first, before any request) and at most one
    /// request, which becomes what the machine waits for.
    public mutating func handle(_ event: Event, now: Date) -> [Action] {
        guard Self.accepts(event, awaiting: awaiting) else {
            return [.rejected(Rejection(event: Self.name(of: event), stage: purchase.stage, awaiting: awaiting))]
        }
        var actions: [Action] = []
        for action in transition(event, now: now) where action != .record || !actions.contains(.record) {
            actions.append(action)
        }
        awaiting = switch actions.last {
        case .create?: .createAnswer
        case .listInvoices?: .listing
        case .getInvoice?: .invoice
        case .getOrder(let id)?: .order(id)
        case .pay?: .payAnswer
        default: .command
        }
        return actions
    }

    /// Whether `event` is one the machine can take while it waits for `awaiting`.
    static func accepts(_ event: Event, awaiting: Awaiting) -> Bool {
        switch (event, awaiting) {
        case (.send, .command), (.resume, .command), (.requestedAgain, .command), (.look, .command), (.payWanted, .command),
             (.timerFired, .command):
            true
        case (.requestUnencodable, .createAnswer), (.createAnswered, .createAnswer), (.createRefused, .createAnswer),
             (.createLost, .createAnswer), (.createFailed, .createAnswer):
            true
        case (.listed, .listing), (.listingFailed, .listing):
            true
        // An order answer is the answer to the order asked for, whatever id the server put in it: one not among
        // the purchase's orders is merged nowhere.
        case (.invoiceSeen, .invoice), (.lookFailed, .invoice), (.lookFailed, .order), (.orderSeen, .order),
             (.lookFailedWith, .invoice), (.lookFailedWith, .order):
            true
        case (.payAnswered, .payAnswer), (.payRefused, .payAnswer), (.payLost, .payAnswer), (.payFailed, .payAnswer):
            true
        default:
            false
        }
    }

    static func name(of event: Event) -> String {
        switch event {
        case .send: "send"
        case .resume: "resume"
        case .requestedAgain: "requestedAgain"
        case .look: "look"
        case .payWanted: "payWanted"
        case .requestUnencodable: "requestUnencodable"
        case .createAnswered: "createAnswered"
        case .createRefused: "createRefused"
        case .createLost: "createLost"
        case .createFailed: "createFailed"
        case .listed: "listed"
        case .listingFailed: "listingFailed"
        case .invoiceSeen: "invoiceSeen"
        case .orderSeen: "orderSeen"
        case .lookFailed: "lookFailed"
        case .lookFailedWith: "lookFailedWith"
        case .payAnswered: "payAnswered"
        case .payRefused: "payRefused"
        case .payLost: "payLost"
        case .payFailed: "payFailed"
        case .timerFired: "timerFired"
        }
    }

    private mutating func transition(_ event: Event, now: Date) -> [Action] {
        if purchase.source != api, let elsewhere = elsewhere(event) { return elsewhere }
        switch event {
        case .send:
            guard ([.intent] + PurchaseStage.holdingNoInvoice).contains(purchase.stage) else {
                return [.fail("Purchase \(purchase.id) cannot be sent again: it is \(purchase.stage.rawValue). Only a purchase proven absent on the server may be.")]
            }
            purchase.stage = .sending
            purchase.refusalCode = nil
            note(.creating, now)
            return [.record, .create]

        case .resume:
            switch purchase.stage {
            case .intent, .sending, .ambiguous: return reconcile()
            case .created where purchase.awaitsBalancePayment: return [.done]
            case .created: return look()
            case .notCreated, .refused, .settled: return [.done]
            }

        case .requestedAgain:
            switch purchase.stage {
            case .settled:
                return [.done]
            case .notCreated, .refused:
                note(.continued(purchaseId: purchase.id), now)
                return transition(.send, now: now)
            case .intent, .sending, .ambiguous:
                note(.continued(purchaseId: purchase.id), now)
                return [.record] + reconcile()
            case .created:
                note(.continued(purchaseId: purchase.id), now)
                return [.record, .done]
            }

        case .look, .timerFired:
            return look()

        case .payWanted:
            guard let invoiceId = purchase.invoiceId, purchase.stage == .created else {
                return [.fail("Purchase \(purchase.id) has no open invoice to pay.")]
            }
            guard purchase.isUnpaidBalanceInvoice else { return [.done] }
            purchase.payRequestedAt = now
            note(.paying, now)
            return [.record, .pay(invoiceId: invoiceId)]

        case .requestUnencodable(let detail):
            purchase.stage = .refused
            purchase.problem = "The request could not be encoded: \(detail)"
            return [.record, .done]

        case .createAnswered(let invoice):
            purchase.stage = .created
            purchase.problem = nil
            note(.created(invoiceId: invoice.id), now)
            apply(invoice, now: now)
            return [.record, .done]

        case .createRefused(let message, let code):
            purchase.stage = .refused
            purchase.problem = message
            purchase.refusalCode = code
            note(.refused(message), now)
            return [.record, .done]

        case .createFailed(let error) where error.outcome == .notExecuted:
            // A rate limit refuses for now, not for good: its code says so, whatever words the body used.
            return transition(.createRefused(message: error.message,
                                             code: error.kind == .rateLimited ? Purchase.rateLimitedCode : error.errorCode), now: now)

        case .createFailed(let error):
            return transition(.createLost(error.message), now: now)

        case .createLost(let detail):
            purchase.stage = .ambiguous
            purchase.problem = "The answer to the create was lost (\(detail)); checking whether the invoice exists."
            note(.createAnswerLost(detail), now)
            return [.record] + reconcile()

        case .listed(let invoices, let known):
            let matches = Reconciliation.matches(for: purchase, among: invoices, excluding: known)
            switch matches.count {
            case 1:
                // Adopted, then looked at like any invoice: the listing's copy may be abridged.
                purchase.stage = .created
                purchase.problem = nil
                note(.foundOnServer(invoiceId: matches[0].id), now)
                apply(matches[0], now: now)
                return [.record] + look()
            case 0:
                purchase.stage = .notCreated
                purchase.problem = "The server has no invoice for this purchase: nothing was bought. It can be sent again."
                note(.absentOnServer, now)
            default:
                purchase.stage = .ambiguous
                let ids = matches.map(\.id).joined(separator: ", ")
                purchase.problem = "\(matches.count) invoices on the server match this purchase (\(ids)). Check them with `storefront invoice show ID`; nothing will be sent again."
            }
            return [.record, .done]

        case .listingFailed(let detail):
            purchase.stage = .ambiguous
            purchase.problem = "Could not check whether the invoice was created (\(detail)). Nothing will be sent again until it is known; retry the check."
            return [.record, .done]

        case .invoiceSeen(let invoice):
            apply(invoice, now: now)
            purchase.problem = nil
            invoiceSettled = invoice.isSettled
            pendingDetails = SettlementRules.ordersNeedingDetails(purchase)
            return [.record] + nextDetailOrSettle(now: now)

        case .orderSeen(let order):
            if let index = purchase.orders.firstIndex(where: { $0.id == order.id }) {
                let hadCode = purchase.orders[index].redemption != nil
                purchase.orders[index].merge(order)
                if purchase.orders[index].redemption != nil, !hadCode {
                    note(.redemptionSaved(orderId: order.id), now)
                }
            }
            return [.record] + nextDetailOrSettle(now: now)

        case .lookFailedWith(let error):
            return transition(.lookFailed(error.message, transient: error.isTransient), now: now)

        case .lookFailed(let detail, let transient):
            pendingDetails = []
            purchase.problem = "Could not check invoice \(purchase.invoiceId ?? purchase.id): \(detail)"
            return [.record, transient ? .wait : .fail(purchase.problem ?? detail)]

        case .payAnswered(let invoice):
            apply(invoice, now: now)
            purchase.problem = nil
            return [.record, .done]

        case .payRefused(let message):
            purchase.payRequestedAt = nil
            purchase.problem = message
            note(.paymentRefused(message), now)
            return [.record, .done]

        case .payFailed(let error) where error.outcome == .notExecuted:
            return transition(.payRefused(error.message), now: now)

        case .payFailed(let error):
            return transition(.payLost(error.message), now: now)

        case .payLost(let detail):
            // The payment may have gone through: the next look at the invoice tells. It is never sent again.
            purchase.problem = "The answer to the payment was lost (\(detail)); following the invoice to see whether it was paid."
            return [.record, .done]
        }
    }

    // MARK: Steps

    /// A command for a purchase made on another API. Asking for it again returns it as it is, and resuming one that
    /// is over has nothing to do; anything that would talk to this API about it (send, reconcile, look, pay) is
    /// refused. Nil: the event is not a command.
    private func elsewhere(_ event: Event) -> [Action]? {
        switch event {
        case .requestedAgain:
            return [.done]
        case .resume where [.settled, .refused, .notCreated].contains(purchase.stage):
            return [.done]
        case .send, .resume, .look, .payWanted, .timerFired:
            return [.madeElsewhere]
        default:
            return nil
        }
    }

    private func reconcile() -> [Action] {
        guard purchase.invoiceId == nil else { return [.done] }
        // From shortly before the intent: the server's clock may be behind ours.
        return [.listInvoices(since: purchase.createdAt.addingTimeInterval(-Reconciliation.clockSkew))]
    }

    private func look() -> [Action] {
        guard purchase.stage == .created, let invoiceId = purchase.invoiceId else { return [.done] }
        return [.getInvoice(invoiceId)]
    }

    /// The next order to fetch, or, when this look has them all, whether the purchase is over.
    private mutating func nextDetailOrSettle(now: Date) -> [Action] {
        if !pendingDetails.isEmpty { return [.getOrder(pendingDetails.removeFirst())] }
        if invoiceSettled, purchase.ordersFinalAt == nil { purchase.ordersFinalAt = now }
        guard SettlementRules.isSettled(purchase, invoiceSettled: invoiceSettled, now: now) else { return [.record, .wait] }
        purchase.stage = .settled
        note(.settled(purchase.outcome), now)
        return [.record, .done]
    }

    private mutating func note(_ event: TimelineEvent, _ now: Date) {
        purchase.timeline.append(TimelineEntry(at: now, event))
    }

    /// What an invoice says, taken into the purchase: statuses (each change on the timeline), the payment due,
    /// the expiry when the server sends one (never a guess: a countdown must come from the server's clock), and
    /// every order.
    private mutating func apply(_ invoice: Invoice, now: Date) {
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
        }
        if (purchase.invoiceStatus, purchase.paymentStatus) != before {
            note(.statusChanged(invoice: purchase.invoiceStatus, payment: purchase.paymentStatus), now)
        }
        for order in invoice.orders {
            if let index = purchase.orders.firstIndex(where: { $0.id == order.id }) {
                let previous = purchase.orders[index].status
                purchase.orders[index].merge(order)
                if let status = order.status, status != previous {
                    note(.orderStatus(orderId: order.id, status), now)
                }
            } else {
                purchase.orders.append(PurchaseOrder(order))
            }
        }
    }
}
