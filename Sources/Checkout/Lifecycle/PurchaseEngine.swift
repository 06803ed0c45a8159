import BitrefillAPI
import Foundation
import Logging
import StorefrontDomain
import Synchronization

/// The driver of `PurchaseMachine`: performs each action it asks for (the journal write first, then the one
/// request) and hands it what came of it, until the machine is done, waits, or fails. It turns a confirmed
/// request into an invoice and follows it to the end, for the CLI and the TUI alike, so they cannot diverge:
/// the intent is written before `POST /invoices`, the invoice id the moment it is known, each status and each
/// delivered code as it arrives. Creates and payments are never sent blindly twice: an answer that was lost
/// is reconciled against the server's list of invoices before anything is sent again.
///
/// A purchase is worked under its lease (`PurchaseLease`): taken with the intent or before a resume, a payment or
/// a look, renewed in the background while the work goes on, released at its end. Every write names the lease's
/// epoch, so a host whose lease was taken over stops and writes nothing over the host that took it.
public final class PurchaseEngine: Sendable {
    public let client: BitrefillClient
    public let journal: any PurchaseJournal
    /// The API the purchases live on (its URL and account fingerprint).
    public let source: String
    public let budget: RequestBudget
    /// The listed SSH key a `storefront ssh serve` session buys for, written on each new purchase.
    public let buyerKey: String?
    /// Who buys through this engine (`--agent`, `STOREFRONT_AGENT`, `$USER@hostname`, or the SSH key's comment and
    /// fingerprint), written on each new purchase: a shared journal names every purchase's agent.
    public let agent: String?
    /// The engine's clock: every time it writes, and every deadline its callers set, come from here.
    public let now: @Sendable () -> Date
    /// How a follow waits for its next look when nothing can cut the wait short: injected beside the clock, so
    /// a test never waits for real.
    private let sleep: @Sendable (TimeInterval) async -> Void
    private let makeID: @Sendable () -> String
    /// How this engine leases the purchases it works.
    public let leaseTerms: LeaseTerms
    let leases = HeldLeases()
    /// Each step of each purchase, for the diagnostic log: ids, stages and statuses, never a code.
    private let logger: Logger

    public init(client: BitrefillClient, journal: any PurchaseJournal, source: String, budget: RequestBudget = RequestBudget(),
                buyerKey: String? = nil, agent: String? = nil, now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) },
                makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                lease: LeaseTerms = LeaseTerms(),
                logger: Logger = Logger(label: "storefront.checkout", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.logger = logger
        leaseTerms = lease
        self.client = client
        self.journal = journal
        self.source = source
        self.budget = budget
        self.buyerKey = buyerKey
        self.agent = agent
        self.now = now
        self.sleep = sleep
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
        var waits = 0
        while true {
            let placed = try await journal.placing(waiting: { [logger] in
                logger.notice("waiting for another storefront placing a purchase in this journal")
            }) { () async throws(CheckoutError) -> Purchase in
                try await placeHoldingLock(request, continuingUnfinished: continuingUnfinished)
            }
            guard waits < Self.leaseWaits(leaseTerms), let holder = try await otherHolder(ofEnded: placed) else { return placed }
            if waits == 0 { logger.notice("\(holder) holds purchase \(placed.id): waiting for it to finish or stop") }
            waits += 1
            await leaseTerms.sleep(1)
        }
    }

    /// Who else holds `placed` when it is at an end only asking again moves on (proven never created, or refused):
    /// that storefront is asking again itself, or was killed and its lease has not run out. Reporting the end as
    /// final would make a script's retries run out before the lease does, and the purchase would never be made, so
    /// `place` waits for the lease outside the placement's turn and asks again. Nil: nothing to wait for.
    private func otherHolder(ofEnded placed: Purchase) async throws(CheckoutError) -> String? {
        guard [.notCreated, .refused].contains(placed.stage) else { return nil }
        let lease = try await journaled { () async throws(UserDatabaseError) -> PurchaseLease? in try await journal.lease(of: placed.id) }
        guard let lease, lease.holder != leaseTerms.holder else { return nil }
        return lease.holder
    }

    /// One wait a second, for as long as a killed holder's lease can last and a renewal after it.
    static func leaseWaits(_ terms: LeaseTerms) -> Int { Int((terms.length + terms.renewEvery).rounded(.up)) }

    private func placeHoldingLock(_ request: CheckoutRequest, continuingUnfinished: Bool) async throws(CheckoutError) -> Purchase {
        let questions = try PlacementQuestions(request, source: source, continuingUnfinished: continuingUnfinished)
        let hash = questions.requestHash
        var candidates = try await placementCandidates(questions)
        switch try decide(request, hash: hash, candidates) {
        case .existing(let open):
            return try await continuing(open, request)
        case .refused, .new:
            break
        }
        let purchase = Purchase(id: makeID(), createdAt: now(), source: source, kind: request.kind, lines: request.lines,
                                paymentMethod: request.paymentMethod, autoPay: request.autoPay,
                                refundAddress: request.refundAddress, email: request.email, stage: .intent,
                                timeline: [TimelineEntry(at: now(), .written)],
                                idempotencyKey: request.idempotencyKey, buyerKey: buyerKey, agent: agent, ticket: request.ticket,
                                claimsTicket: request.ticket != nil && candidates.ticketInFlight.isEmpty)
        let lease: PurchaseLease?
        do {
            lease = try await journal.recordIntent(purchase, requestHash: hash, takingCartLines: request.cartLineIDs, at: now(),
                                                   leasedTo: leaseTerms.holder, for: leaseTerms.length)
        } catch {
            // The journal refused the intent: another host may have written a claim on the ticket (or the key) since
            // the candidates were read. Read them again: a refusal now names who; otherwise the write itself failed.
            candidates = try await placementCandidates(questions)
            if case .existing(let open) = try decide(request, hash: hash, candidates) {
                return try await continuing(open, request)
            }
            throw journalUnusable(error)
        }
        guard let lease else { throw CheckoutError("The journal wrote the intent of purchase \(purchase.id) without its lease, so nothing was sent. Run the same command again.") }
        return try await holding(newlyTaken: lease) { lease throws(CheckoutError) in
            try await run(purchase, .send, lease: lease, request: request).purchase
        }
    }

    /// Continues a purchase the journal already has, under its lease. Another host working it carries it on: the
    /// caller's follow shows what that host writes.
    private func continuing(_ open: Purchase, _ request: CheckoutRequest) async throws(CheckoutError) -> Purchase {
        // The request's cart lines are the continued purchase's now, whichever host works it, as a new intent's are.
        try await journaled { () async throws(UserDatabaseError) in try await journal.holdCartLines(request.cartLineIDs, for: open.id) }
        return try await leased(open.id) { lease throws(CheckoutError) in
            try await run(try await load(open.id), .requestedAgain, lease: lease, request: request).purchase
        } ?? open
    }

    /// What the journal holds that bears on `request`, asked as `PlacementQuestions` says.
    private func placementCandidates(_ questions: PlacementQuestions) async throws(CheckoutError) -> Placement.Candidates {
        try await journaled { () async throws(UserDatabaseError) -> Placement.Candidates in
            try await journal.placementCandidates(questions, now: now())
        }
    }

    /// The placement rules for this engine's agent; a refusal is thrown, before anything is written or sent.
    private func decide(_ request: CheckoutRequest, hash: String, _ candidates: Placement.Candidates) throws(CheckoutError) -> Placement {
        let placement = Placement.decide(requestHash: hash, key: request.idempotencyKey, keyOrigin: request.keyOrigin, again: request.again,
                                         agent: agent, candidates: candidates, now: now())
        if case .refused(let refusal) = placement { throw CheckoutError(refusal.message, refusal: refusal) }
        return placement
    }

    // MARK: Pay and follow

    /// Pays a balance invoice. Looks first: an invoice already paid (or a payment already asked for before a
    /// restart) is never paid again.
    public func pay(_ id: String) async throws(CheckoutError) -> Purchase {
        let paid = try await leased(try await load(id).id) { lease throws(CheckoutError) -> Purchase in
            try await run(try await refresh(id, lease: lease), .payWanted, lease: lease).purchase
        }
        guard let paid else { throw await heldElsewhere(id, wanted: "pay it") }
        return paid
    }

    /// One look at the invoice: records new statuses, and fetches the codes of orders newly delivered, each
    /// written as soon as it arrives, so a code once seen is never lost. A purchase another host works is shown as
    /// that host last wrote it.
    public func refresh(_ id: String) async throws(CheckoutError) -> Purchase {
        let found = try await load(id)
        guard let looked = try await leased(found.id, { lease throws(CheckoutError) in try await refresh(id, lease: lease) }) else {
            return try await load(id)
        }
        return looked
    }

    private func refresh(_ id: String, lease: PurchaseLease) async throws(CheckoutError) -> Purchase {
        let ran = try await run(try await load(id), .look, lease: lease)
        if let failure = ran.lookFailure { throw CheckoutError(ran.purchase.problem ?? failure.message, apiError: failure) }
        return ran.purchase
    }

    /// Follows the purchase until it is settled or `deadline` passes, reporting each look. Transient failures
    /// (lost connection, 5xx, rate limit, an unreadable body) are waited out; anything else stops and is thrown.
    /// A purchase another host works is watched instead: what that host writes is reported, nothing is sent, and
    /// should its lease run out this engine takes the purchase over and finishes it.
    public func follow(_ id: String, until deadline: Date? = nil, checkNow: CheckNowSignal? = nil,
                       onUpdate: @Sendable (Purchase, FollowProgress) async -> Void = { _, _ in }) async throws(CheckoutError) -> Purchase {
        var purchase = try await load(id)
        let purchaseId = purchase.id
        var attempt = 0
        while true {
            let followed = try await leased(purchaseId) { lease throws(CheckoutError) in
                try await follow(purchaseId, lease: lease, until: deadline, checkNow: checkNow, onUpdate: onUpdate)
            }
            if let followed { return followed }
            purchase = try await load(id)
            guard purchase.isUnfinished, !purchase.awaitsBalancePayment else { break }
            let delay = PollSchedule.delay(attempt: attempt, budget: budget.current, now: now())
            attempt += 1
            if let deadline, now().addingTimeInterval(delay) > deadline { break }
            await onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: now().addingTimeInterval(delay), budget: budget.current))
            guard await pause(delay, checkNow: checkNow) else { return purchase }
        }
        await onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: nil, budget: budget.current))
        return purchase
    }

    /// Waits for the next look (cut short by `checkNow`); false: the task was cancelled.
    private func pause(_ delay: TimeInterval, checkNow: CheckNowSignal?) async -> Bool {
        if Task.isCancelled { return false }
        if let checkNow {
            await checkNow.wait(upTo: delay)
        } else {
            await sleep(delay)
        }
        return !Task.isCancelled
    }

    /// The follow of a purchase this engine holds the lease on.
    private func follow(_ id: String, lease: PurchaseLease, until deadline: Date?, checkNow: CheckNowSignal?,
                        onUpdate: @Sendable (Purchase, FollowProgress) async -> Void) async throws(CheckoutError) -> Purchase {
        var purchase = try await load(id)
        var event = PurchaseMachine.Event.resume
        var attempt = 0
        while true {
            let ran = try await run(purchase, event, lease: lease)
            purchase = ran.purchase
            guard ran.waits else { break }
            let delay = PollSchedule.delay(attempt: attempt, budget: budget.current, now: now())
            attempt += 1
            if let deadline, now().addingTimeInterval(delay) > deadline {
                await onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: nil, budget: budget.current))
                return purchase
            }
            await onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: now().addingTimeInterval(delay), budget: budget.current))
            guard await pause(delay, checkNow: checkNow) else { return purchase }
            if leases.isLost(id) { throw await takenOver(purchase) }
            event = .timerFired
        }
        await onUpdate(purchase, FollowProgress(attempt: attempt, nextCheck: nil, budget: budget.current))
        return purchase
    }

    /// Purchases on this API that stopped before their end: reconciled or followed again at start.
    public func unfinished() async throws(CheckoutError) -> [Purchase] {
        try await journaled { () async throws(UserDatabaseError) in try await journal.unfinishedPurchases(source: source) }
    }

    public func purchase(_ id: String) async throws(CheckoutError) -> Purchase { try await load(id) }

    // MARK: Driving the machine

    /// How a run of the machine ended: the purchase as written, whether it waits for the next look, and the
    /// API error of a look that failed (for `refresh`, which reports it).
    private struct Run {
        var purchase: Purchase
        var waits: Bool
        var lookFailure: APIError?
    }

    /// Hands `event` to the machine and performs what it asks, one action at a time, until it is done, waits or
    /// fails. Every `.record` is written before the next request leaves.
    private func run(_ start: Purchase, _ event: PurchaseMachine.Event, lease: PurchaseLease,
                     request: CheckoutRequest? = nil) async throws(CheckoutError) -> Run {
        var machine = PurchaseMachine(start, on: source)
        var logged = start.timeline.count
        var lookFailure: APIError?
        var queue = machine.handle(event, now: now())
        while !queue.isEmpty {
            let next: PurchaseMachine.Event
            switch queue.removeFirst() {
            case .record:
                try await storeAfterActing(machine.purchase, lease: lease, durability: Self.durability(before: queue.first))
                logSteps(machine.purchase, from: &logged)
                continue
            case .done:
                return Run(purchase: machine.purchase, waits: false, lookFailure: lookFailure)
            case .wait:
                return Run(purchase: machine.purchase, waits: true, lookFailure: lookFailure)
            case .fail(let message):
                throw CheckoutError(message, apiError: lookFailure)
            case .madeElsewhere:
                throw CheckoutError("Purchase \(machine.purchase.id) was made on another API (or on an embedded sandbox whose sandbox.sqlite was deleted since); it can only be checked there. `storefront history` still shows what the journal knows.",
                                    madeOnAnotherAPI: true)
            case .rejected(let rejection):
                throw CheckoutError(rejection.description, apiError: lookFailure)
            case .create:
                next = await create(request ?? CheckoutRequest(repeating: machine.purchase))
            case .listInvoices(let since):
                let known = try await journaled { () async throws(UserDatabaseError) in try await journal.knownInvoiceIds(source: source) }
                do {
                    next = .listed(try await client.pages(Endpoints.invoices(after: Timestamps.iso8601(since))).collectItems(), known: known)
                } catch {
                    next = .listingFailed(Self.describe(error))
                }
            case .getInvoice(let id):
                do { next = .invoiceSeen(try await client.send(Endpoints.invoice(id: id))) } catch {
                    lookFailure = error as? APIError
                    next = lookFailure.map { .lookFailedWith($0) } ?? .lookFailed(Self.describe(error), transient: false)
                }
            case .getOrder(let id):
                do { next = .orderSeen(try await client.send(Endpoints.order(id: id))) } catch {
                    lookFailure = error as? APIError
                    next = lookFailure.map { .lookFailedWith($0) } ?? .lookFailed(Self.describe(error), transient: false)
                }
            case .pay(let invoiceId):
                do {
                    next = .payAnswered(try await client.send(Endpoints.payInvoice(id: invoiceId)))
                } catch let error as APIError {
                    next = .payFailed(error)
                } catch {
                    next = .payLost(Self.describe(error))
                }
            }
            queue += machine.handle(next, now: now())
        }
        return Run(purchase: machine.purchase, waits: false, lookFailure: lookFailure)
    }

    /// A write that a create or a payment follows must be on disk before it leaves; any other is got back from the
    /// server should the journal lose it in a crash.
    static func durability(before next: PurchaseMachine.Action?) -> WriteDurability {
        switch next {
        case .create?, .pay?: .beforeSending
        default: .recoverable
        }
    }

    /// `POST /invoices` (or `/esims`) and what it came to: an invoice, a refusal, or a lost answer.
    private func create(_ request: CheckoutRequest) async -> PurchaseMachine.Event {
        let endpoint: Endpoint<Invoice>
        do {
            endpoint = request.kind == .esim ? try Endpoints.createESIMInvoice(request.apiRequest) : try Endpoints.createInvoice(request.apiRequest)
        } catch {
            return .requestUnencodable("\(error)")
        }
        do {
            return .createAnswered(try await client.send(endpoint))
        } catch let error as APIError {
            return .createFailed(error)
        } catch {
            return .createLost(Self.describe(error))
        }
    }

    /// New steps of the purchase's story, for the diagnostic log: ids, stage and the step's words, never a code.
    private func logSteps(_ purchase: Purchase, from logged: inout Int) {
        for entry in purchase.timeline.dropFirst(logged) {
            logger.info("purchase \(entry.text)", metadata: ["purchase": "\(purchase.id)", "stage": "\(purchase.stage.rawValue)",
                                                            "invoice": "\(purchase.invoiceId ?? "-")"])
        }
        logged = purchase.timeline.count
    }

    // MARK: Helpers

    func load(_ id: String) async throws(CheckoutError) -> Purchase {
        let found = try await journaled { () async throws(UserDatabaseError) -> Purchase? in
            if let purchase = try await journal.purchase(id: id) { return purchase }
            if let purchase = try await journal.purchase(invoiceId: id, source: source) { return purchase }
            return try await journal.newestPurchase(invoiceId: id)
        }
        guard let purchase = found else {
            throw CheckoutError("No purchase \(id) in this data directory's journal. `storefront history` lists them.", isNotFound: true)
        }
        return purchase
    }

    /// Writes the purchase fenced by `lease`: a purchase another host took over is left to it, and this engine stops.
    private func store(_ purchase: Purchase, lease: PurchaseLease, durability: WriteDurability) async throws(CheckoutError) {
        let written = try await journaled { () async throws(UserDatabaseError) in
            try await journal.save(purchase, at: now(), fencedBy: lease, durability: durability)
        }
        if !written { throw await takenOver(purchase) }
    }

    func journaled<T>(_ body: () async throws(UserDatabaseError) -> T) async throws(CheckoutError) -> T {
        do {
            return try await body()
        } catch {
            throw journalUnusable(error)
        }
    }

    private func journalUnusable(_ error: UserDatabaseError) -> CheckoutError {
        CheckoutError("The purchase journal could not be used (\(error)), so nothing more was sent. Check the data directory's disk space and permissions.",
                      journalFailure: .beforeSending)
    }

    /// A step's write. Once the server has acted (the create was sent), a failed write must not read as "nothing
    /// was sent": it names the invoice, and running the purchase again (the same `buy`, or the TUI at start)
    /// reconciles it with the server instead of buying again.
    private func storeAfterActing(_ purchase: Purchase, lease: PurchaseLease, durability: WriteDurability) async throws(CheckoutError) {
        guard purchase.invoiceId != nil || ![.intent, .sending].contains(purchase.stage) else {
            return try await store(purchase, lease: lease, durability: durability)
        }
        let written: Bool
        do {
            written = try await journal.save(purchase, at: now(), fencedBy: lease, durability: durability)
        } catch {
            let invoice = purchase.invoiceId.map { "Invoice \($0) was created on the server (it may already be paid)" }
                ?? "The server may have created the invoice"
            throw CheckoutError("\(invoice), but the journal could not record it (\(error)). Nothing more was sent. Free space in the data "
                                + "directory (or fix its permissions), then run the same command again: it finds the invoice on the server and "
                                + "continues it without buying again (the full-screen storefront does so at start).",
                                journalFailure: .afterServerActed(invoiceId: purchase.invoiceId))
        }
        if !written { throw await takenOver(purchase) }
    }

    static func describe(_ error: any Error) -> String {
        (error as? APIError)?.message ?? "\(error)"
    }
}
