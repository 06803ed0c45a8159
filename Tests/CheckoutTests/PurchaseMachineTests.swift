import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import Testing

/// The lifecycle, one transition a row: from a purchase at a stage, an event, to the stage and the actions
/// that follow. The engine only performs these actions, so these rows are the CLI's and the TUI's behaviour.
@Suite struct PurchaseMachineTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func purchase(_ stage: PurchaseStage, invoice: String? = nil, method: PaymentMethod = .balance, autoPay: Bool = true,
                         orders: [PurchaseOrder] = []) -> Purchase {
        Purchase(id: "p", createdAt: now, source: "api", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 USD", denomination: .value("10"), quantity: 1)],
                 paymentMethod: method, autoPay: autoPay, stage: stage, invoiceId: invoice, orders: orders)
    }

    static func invoice(_ id: String = "inv-1", status: InvoiceStatus? = .notDelivered, payment: PaymentStatus? = .paymentConfirmed,
                        orders: [Order] = [Order(id: "o1", status: .processing, product: OrderProduct(id: "test-gift-card-code"))]) -> Invoice {
        Invoice(id: id, status: status, payment: InvoicePayment(method: .balance, currency: "BTC", price: 16667, status: payment), orders: orders)
    }

    static let delivered = Order(id: "o1", status: .delivered, product: OrderProduct(id: "test-gift-card-code"))
    static let deliveredWithCode = Order(id: "o1", status: .delivered, product: OrderProduct(id: "test-gift-card-code"),
                                         redemptionInfo: RedemptionInfo(code: "GIFT-1"))

    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var from: Purchase
        var events: [PurchaseMachine.Event]
        var stage: PurchaseStage
        var actions: [PurchaseMachine.Action]
        /// The API the machine talks to; the purchases here were made on "api".
        var api = "api"
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "an intent is written as sending before the create leaves", from: purchase(.intent), events: [.send],
            stage: .sending, actions: [.record, .create]),
        Row(name: "a created invoice is written and the create is done", from: purchase(.intent), events: [.send, .createAnswered(invoice())],
            stage: .created, actions: [.record, .done]),
        Row(name: "a refusal is final: nothing was bought", from: purchase(.intent),
            events: [.send, .createRefused(message: "Balance too low", code: "balance_too_low")], stage: .refused, actions: [.record, .done]),
        Row(name: "a lost create answer is reconciled before anything else", from: purchase(.intent), events: [.send, .createLost("timed out")],
            stage: .ambiguous, actions: [.record, .listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "one matching invoice on the server is adopted and looked at", from: purchase(.ambiguous),
            events: [.resume, .listed([invoice()], known: [])], stage: .created, actions: [.record, .getInvoice("inv-1")]),
        Row(name: "an invoice the journal already has is never adopted twice", from: purchase(.ambiguous),
            events: [.resume, .listed([invoice()], known: ["inv-1"])], stage: .notCreated, actions: [.record, .done]),
        Row(name: "two matching invoices leave it for a person", from: purchase(.ambiguous),
            events: [.resume, .listed([invoice("a"), invoice("b")], known: [])], stage: .ambiguous, actions: [.record, .done]),
        Row(name: "a failed listing sends nothing again", from: purchase(.ambiguous), events: [.resume, .listingFailed("502")],
            stage: .ambiguous, actions: [.record, .done]),
        Row(name: "a purchase killed mid-create is reconciled at restart", from: purchase(.sending), events: [.resume],
            stage: .sending, actions: [.listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "a created purchase is looked at on resume", from: purchase(.created, invoice: "inv-1"), events: [.resume],
            stage: .created, actions: [.getInvoice("inv-1")]),
        Row(name: "an unpaid invoice without auto-pay waits for p", from: purchase(.created, invoice: "inv-1", autoPay: false),
            events: [.resume], stage: .created, actions: [.done]),
        Row(name: "only a proven-absent purchase may be sent again", from: purchase(.created, invoice: "inv-1"), events: [.send],
            stage: .created, actions: [.fail("Purchase p cannot be sent again: it is created. Only a purchase proven absent on the server may be.")]),
        Row(name: "an unsettled invoice waits for the next look", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .invoiceSeen(invoice())], stage: .created, actions: [.record, .wait]),
        Row(name: "a delivered order's code is fetched before settling", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .invoiceSeen(invoice(status: .allDelivered, orders: [delivered]))], stage: .created,
            actions: [.record, .getOrder("o1")]),
        Row(name: "the code arrives and the purchase settles", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .invoiceSeen(invoice(status: .allDelivered, orders: [delivered])), .orderSeen(deliveredWithCode)],
            stage: .settled, actions: [.record, .done]),
        Row(name: "a transient failed look is waited out", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .lookFailed("502", transient: true)], stage: .created, actions: [.record, .wait]),
        Row(name: "a lasting failed look stops the follow, the purchase kept", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .lookFailed("401", transient: false)], stage: .created,
            actions: [.record, .fail("Could not check invoice inv-1: 401")]),
        Row(name: "an unpaid balance invoice is paid once", from: purchase(.created, invoice: "inv-1", autoPay: false),
            events: [.payWanted], stage: .created, actions: [.record, .pay(invoiceId: "inv-1")]),
        // Outcomes go in raw: the machine, not the engine, decides refused, lost or transient.
        Row(name: "a create the server refused is final", from: purchase(.intent),
            events: [.send, .createFailed(refusal("balance_too_low"))], stage: .refused, actions: [.record, .done]),
        Row(name: "a create refused by a rate limit is refused for now", from: purchase(.intent),
            events: [.send, .createFailed(rateLimit)], stage: .refused, actions: [.record, .done]),
        Row(name: "a create with no answer is lost and reconciled", from: purchase(.intent),
            events: [.send, .createFailed(reset)], stage: .ambiguous, actions: [.record, .listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "a look that failed on a 5xx is waited out", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .lookFailedWith(serverError)], stage: .created, actions: [.record, .wait]),
        Row(name: "a look refused for good stops the follow", from: purchase(.created, invoice: "inv-1"),
            events: [.look, .lookFailedWith(refusal("not_found"))], stage: .created, actions: [.record, .fail("Could not check invoice inv-1: refused")]),
        Row(name: "a resend of a purchase proven absent sends it again", from: purchase(.notCreated),
            events: [.send], stage: .sending, actions: [.record, .create]),
        Row(name: "a request that cannot be encoded is refused without sending", from: purchase(.intent),
            events: [.send, .requestUnencodable("NaN")], stage: .refused, actions: [.record, .done]),
        Row(name: "a payment answered is written and done", from: purchase(.created, invoice: "inv-1", autoPay: false),
            events: [.payWanted, .payAnswered(invoice())], stage: .created, actions: [.record, .done]),
        Row(name: "resuming a settled purchase does nothing", from: purchase(.settled, invoice: "inv-1"),
            events: [.resume], stage: .settled, actions: [.done]),
        Row(name: "resuming a refused purchase does nothing", from: purchase(.refused),
            events: [.resume], stage: .refused, actions: [.done]),
        Row(name: "resuming a purchase proven absent does nothing", from: purchase(.notCreated),
            events: [.resume], stage: .notCreated, actions: [.done]),
        Row(name: "a purchase killed before its create is reconciled at restart", from: purchase(.intent),
            events: [.resume], stage: .intent, actions: [.listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "a purchase whose answer was lost is reconciled at restart", from: purchase(.ambiguous),
            events: [.resume], stage: .ambiguous, actions: [.listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "asking again for a purchase proven absent sends it again", from: purchase(.notCreated),
            events: [.requestedAgain], stage: .sending, actions: [.record, .create]),
        Row(name: "asking again for a purchase the server refused sends it again", from: purchase(.refused),
            events: [.requestedAgain], stage: .sending, actions: [.record, .create]),
        Row(name: "asking again for a purchase killed mid-create reconciles it first", from: purchase(.sending),
            events: [.requestedAgain], stage: .sending, actions: [.record, .listInvoices(since: now.addingTimeInterval(-30))]),
        Row(name: "asking again for a created purchase returns it", from: purchase(.created, invoice: "inv-1"),
            events: [.requestedAgain], stage: .created, actions: [.record, .done]),
        Row(name: "asking again for a settled purchase returns it as it ended", from: purchase(.settled, invoice: "inv-1"),
            events: [.requestedAgain], stage: .settled, actions: [.done]),
        Row(name: "another API's invoice is never looked at here", from: purchase(.created, invoice: "inv-1"),
            events: [.look], stage: .created, actions: [.madeElsewhere], api: "other"),
        Row(name: "another API's invoice is never paid here", from: purchase(.created, invoice: "inv-1", autoPay: false),
            events: [.payWanted], stage: .created, actions: [.madeElsewhere], api: "other"),
        Row(name: "another API's absent purchase is never sent here", from: purchase(.notCreated),
            events: [.send], stage: .notCreated, actions: [.madeElsewhere], api: "other"),
        Row(name: "another API's purchase killed mid-create is not reconciled here", from: purchase(.sending),
            events: [.resume], stage: .sending, actions: [.madeElsewhere], api: "other"),
        Row(name: "resuming another API's settled purchase does nothing", from: purchase(.settled, invoice: "inv-1"),
            events: [.resume], stage: .settled, actions: [.done], api: "other"),
        Row(name: "asking again for another API's purchase returns it as it is", from: purchase(.intent),
            events: [.requestedAgain], stage: .intent, actions: [.done], api: "other"),
    ]

    static func refusal(_ code: String) -> APIError {
        APIError(kind: .rejected(code: code), endpoint: "POST /invoices", status: 400, errorCode: code, message: "refused", outcome: .notExecuted)
    }

    static let rateLimit = APIError(kind: .rateLimited, endpoint: "POST /invoices", status: 429, message: "slow down", outcome: .notExecuted)
    static let reset = APIError(kind: .serverError, endpoint: "POST /invoices", status: 502, message: "bad gateway", outcome: .unknown)
    static let serverError = APIError(kind: .serverError, endpoint: "GET /invoices/{id}", status: 503, message: "unavailable", outcome: .unknown)

    @Test func aRateLimitedCreateSaysSoInItsCode() {
        var machine = PurchaseMachine(Self.purchase(.intent))
        _ = machine.handle(.send, now: Self.now)
        _ = machine.handle(.createFailed(Self.rateLimit), now: Self.now)
        #expect(machine.purchase.refusalCode == Purchase.rateLimitedCode)
    }

    @Test func aPaymentRefusedMayBeAskedAgainAndOneLostNever() {
        var refused = PurchaseMachine(Self.purchase(.created, invoice: "inv-1", autoPay: false))
        _ = refused.handle(.payWanted, now: Self.now)
        _ = refused.handle(.payFailed(Self.refusal("balance_too_low")), now: Self.now)
        #expect(refused.purchase.payRequestedAt == nil)
        var lost = PurchaseMachine(Self.purchase(.created, invoice: "inv-1", autoPay: false))
        _ = lost.handle(.payWanted, now: Self.now)
        _ = lost.handle(.payFailed(Self.reset), now: Self.now)
        #expect(lost.purchase.payRequestedAt == Self.now)
    }

    @Test(arguments: rows)
    func eachTransitionWritesTheJournalFirstAndAsksForOneThing(row: Row) {
        var machine = PurchaseMachine(row.from, on: row.api)
        var actions: [PurchaseMachine.Action] = []
        for event in row.events { actions = machine.handle(event, now: Self.now) }
        #expect(machine.purchase.stage == row.stage)
        #expect(actions == row.actions)
    }

    @Test func aPaymentAskedForIsNeverAskedForAgainEvenIfItsAnswerWasLost() {
        var machine = PurchaseMachine(Self.purchase(.created, invoice: "inv-1", autoPay: false))
        _ = machine.handle(.payWanted, now: Self.now)
        #expect(machine.handle(.payLost("connection reset"), now: Self.now) == [.record, .done])
        #expect(machine.purchase.payRequestedAt == Self.now)
        #expect(machine.handle(.payWanted, now: Self.now) == [.done], "a restart does not pay again")
    }

    @Test func aRefusedPaymentMayBeAskedForAgain() {
        var machine = PurchaseMachine(Self.purchase(.created, invoice: "inv-1", autoPay: false))
        _ = machine.handle(.payWanted, now: Self.now)
        _ = machine.handle(.payRefused("Balance too low"), now: Self.now)
        #expect(machine.purchase.payRequestedAt == nil)
        #expect(machine.handle(.payWanted, now: Self.now) == [.record, .pay(invoiceId: "inv-1")])
    }

    @Test func aFailedOrderWaitsForItsRefundThenSettlesAfterTheGrace() {
        let failed = Order(id: "o1", status: .failed, product: OrderProduct(id: "test-gift-card-code"))
        var machine = PurchaseMachine(Self.purchase(.created, invoice: "inv-1"))
        _ = machine.handle(.look, now: Self.now)
        #expect(machine.handle(.invoiceSeen(Self.invoice(status: .allDelivered, orders: [failed])), now: Self.now) == [.record, .getOrder("o1")])
        #expect(machine.handle(.orderSeen(failed), now: Self.now) == [.record, .wait], "the refund is not known yet")
        let later = Self.now.addingTimeInterval(SettlementRules.refundGrace + 1)
        _ = machine.handle(.timerFired, now: later)
        _ = machine.handle(.invoiceSeen(Self.invoice(status: .allDelivered, orders: [failed])), now: later)
        #expect(machine.handle(.orderSeen(failed), now: later) == [.record, .done])
        #expect(machine.purchase.stage == .settled)
    }
}

/// An expiry is shown only when the server sent one: no dialect sends `expiration_time` today, and a guessed
/// "about 2:59:59" counted down while the server expired the invoice after a minute.
@Suite struct PurchaseMachineExpiryTests {
    static let cryptoInvoice = Invoice(id: "inv-1", createdTime: "2027-01-15T08:00:00Z", status: .notDelivered,
                                       payment: InvoicePayment(method: .bitcoin, address: "bc1qexample", currency: "BTC", price: 16667, status: .unpaid),
                                       orders: [Order(id: "o1", status: .created, product: OrderProduct(id: "test-gift-card-code"))])

    @Test func anInvoiceWithoutAnExpiryGetsNoInventedOne() {
        var machine = PurchaseMachine(PurchaseMachineTests.purchase(.created, invoice: "inv-1", method: .bitcoin, autoPay: false))
        _ = machine.handle(.look, now: PurchaseMachineTests.now)
        _ = machine.handle(.invoiceSeen(Self.cryptoInvoice), now: PurchaseMachineTests.now)
        #expect(machine.purchase.payment?.address == "bc1qexample")
        #expect(machine.purchase.expiresAt == nil)
        #expect(machine.purchase.payment?.expiryIsEstimate == nil)
    }

    @Test func theServersExpirationTimeIsTaken() {
        var invoice = Self.cryptoInvoice
        invoice.expirationTime = "2027-01-15T08:01:00Z"
        var machine = PurchaseMachine(PurchaseMachineTests.purchase(.created, invoice: "inv-1", method: .bitcoin, autoPay: false))
        _ = machine.handle(.look, now: PurchaseMachineTests.now)
        _ = machine.handle(.invoiceSeen(invoice), now: PurchaseMachineTests.now)
        #expect(machine.purchase.expiresAt == Timestamps.parse("2027-01-15T08:01:00Z"))
    }
}
