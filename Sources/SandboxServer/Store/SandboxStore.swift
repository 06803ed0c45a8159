import Foundation

/// The account's mutable state: balance, invoices and their orders, eSIMs.
///
/// Invoice and order states are computed from timestamps on every read (`InvoiceTimeline`); the store
/// only applies the side effects that fall due (refunds to the balance, eSIMs created or topped up,
/// webhooks) whenever it is touched, and wakes itself for invoices that have a webhook to send.
///
/// Members without `private` are shared with the settlement half in `SandboxStore+Settlement.swift`.
actor SandboxStore {
    let timing: LifecycleTiming
    private let pricing: AccountPricing
    let webhooks: WebhookDispatcher
    let renderWebhookBody: @Sendable (InvoiceSnapshot) -> [UInt8]
    private var minting: Minting
    var accountBalance: Int64
    let clock: SandboxClock

    var invoices: [String: InvoiceRecord] = [:]
    /// Invoice ids, oldest first.
    private var invoiceIDs: [String] = []
    private var orderLocations: [String: OrderLocation] = [:]
    /// Invoices with side effects or a webhook still to come, oldest first.
    var openInvoiceIDs: [String] = []
    var esims: [String: ESIMRecord] = [:]
    var esimIDs: [String] = []
    /// ICCIDs minted for eSIM orders not yet delivered.
    var reservedICCIDs: Set<String> = []

    /// Where every change is written as it happens; nil: kept in memory only.
    private let persistence: (any SandboxPersistence)?
    /// The first write that failed, answered as a server error by the next call that changes something.
    private var writeFailure: String?

    var wakeTask: Task<Void, Never>?
    var wakeAt: Date?
    var isShutDown = false

    private struct OrderLocation {
        let invoiceID: String
        let index: Int
    }

    /// A store holding what `saved` holds (nothing when nil), writing every change to `persistence`.
    /// `product` finds an order's product again by id. Throws when a saved record cannot be read back.
    init(
        configuration: SandboxConfiguration,
        clock: SandboxClock,
        pricing: AccountPricing,
        webhooks: WebhookDispatcher,
        persistence: (any SandboxPersistence)? = nil,
        saved: SandboxSavedState? = nil,
        product: (String) -> Product? = { _ in nil },
        renderWebhookBody: @escaping @Sendable (InvoiceSnapshot) -> [UInt8]
    ) throws(SandboxPersistenceError) {
        timing = LifecycleTiming(configuration)
        self.clock = clock
        self.pricing = pricing
        self.webhooks = webhooks
        self.persistence = persistence
        self.renderWebhookBody = renderWebhookBody
        minting = Minting(seed: configuration.seed, run: saved.map { "\($0.accountID)#\($0.run)" })
        accountBalance = saved?.balance ?? configuration.initialBalance
        for esim in SeededESIMs.records {
            esims[esim.iccid] = esim
            esimIDs.append(esim.iccid)
        }
        guard let saved else { return }
        for savedESIM in saved.esims {
            let esim = try RecordDocuments.esim(savedESIM)
            if esims[esim.iccid] == nil { esimIDs.append(esim.iccid) }
            esims[esim.iccid] = esim
        }
        for savedInvoice in saved.invoices {
            let record = try RecordDocuments.invoice(savedInvoice, product: product)
            invoices[record.id] = record
            invoiceIDs.append(record.id)
            openInvoiceIDs.append(record.id)
            for (index, order) in record.orders.enumerated() {
                orderLocations[order.id] = OrderLocation(invoiceID: record.id, index: index)
                if let provision = order.esim, !provision.isTopUp, !order.settled {
                    reservedICCIDs.insert(provision.iccid)
                }
            }
        }
    }

    /// Starts the self-wake for restored invoices that still have a webhook to send.
    func resume() {
        advance()
        scheduleWake()
    }

    // MARK: Clock

    func now() -> Date {
        clock.now()
    }

    /// Applies what fell due after the clock moved, and re-plans the self-wake.
    func clockDidAdvance() {
        advance()
        scheduleWake()
    }

    // MARK: Account

    func balance() -> Int64 {
        advance()
        return accountBalance
    }

    func setBalance(_ balance: Int64) {
        accountBalance = balance
        persistBalance()
    }

    var invoiceCount: Int { invoices.count }

    // MARK: Invoices

    func createInvoice(_ purchase: Purchase) throws(APIError) -> InvoiceSnapshot {
        advance()
        let now = now()
        for line in purchase.lines {
            if let iccid = line.esimID, esims[iccid] == nil {
                throw .notFound("eSIM '\(iccid)' not found")
            }
        }
        let priced = PricedPurchase(purchase, pricing: pricing)
        let total = priced.accountTotal
        let method = purchase.method
        let paysNow = method == .balance && purchase.autoPay
        if paysNow {
            try requireBalance(total)
        }
        let price = method == .balance ? String(total) : method.cryptoPrice(usd: priced.usdTotal)
        let quote = PaymentQuote(
            method: method,
            address: minting.depositAddress(for: method, price: price),
            currency: method == .balance ? pricing.currency : method.cryptoCurrency,
            price: price,
            accountTotal: total
        )
        let invoiceID = minting.uuid()
        var orders: [OrderRecord] = []
        for (lineIndex, line) in purchase.lines.enumerated() {
            for _ in 0..<line.quantity {
                orders.append(makeOrder(line, accountPrice: priced.unitPrices[lineIndex], usd: priced.unitUSD[lineIndex], method: method, createdAt: now))
            }
        }
        let record = InvoiceRecord(
            id: invoiceID, createdAt: now, quote: quote, orders: orders, webhookURL: purchase.webhookURL,
            email: purchase.email, refundAddress: purchase.refundAddress, paidAt: paysNow ? now : nil
        )
        if paysNow {
            accountBalance -= total
            persistBalance()
        }
        invoices[invoiceID] = record
        invoiceIDs.append(invoiceID)
        openInvoiceIDs.append(invoiceID)
        for (index, order) in orders.enumerated() {
            orderLocations[order.id] = OrderLocation(invoiceID: invoiceID, index: index)
        }
        persistInvoice(invoiceID)
        advance()
        scheduleWake()
        try requireWritten()
        return try snapshot(invoiceID, at: now)
    }

    func invoice(id: String) throws(APIError) -> InvoiceSnapshot {
        advance()
        return try snapshot(id, at: now())
    }

    /// Invoices newest first, created strictly after `after` and strictly before `before` when given.
    func invoices(after: Date?, before: Date?) -> [InvoiceSnapshot] {
        advance()
        let now = now()
        return invoiceIDs.reversed().compactMap { id in
            guard let invoice = try? snapshot(id, at: now) else { return nil }
            if let after, invoice.record.createdAt <= after { return nil }
            if let before, invoice.record.createdAt >= before { return nil }
            return invoice
        }
    }

    /// `POST /invoices/{id}/pay`: pays an unpaid balance invoice from the balance.
    func pay(id: String) throws(APIError) -> InvoiceSnapshot {
        advance()
        let now = now()
        guard let record = invoices[id] else { throw .notFound("Invoice '\(id)' not found") }
        guard record.quote.method == .balance else {
            throw .invalidParam("invoice '\(id)' is paid with \(record.quote.method.rawValue); only balance invoices can be paid from the balance")
        }
        try requireUnpaid(record, at: now)
        try requireBalance(record.quote.accountTotal)
        accountBalance -= record.quote.accountTotal
        persistBalance()
        return try markPaid(record, id: id, at: now)
    }

    /// Records the payment of an invoice at `now`, lets what falls due happen, and wakes the timeline for
    /// delivery (shared by paying from the balance and by a simulated crypto payment).
    private func markPaid(_ record: InvoiceRecord, id: String, at now: Date) throws(APIError) -> InvoiceSnapshot {
        var record = record
        record.paidAt = now
        invoices[id] = record
        persistInvoice(id)
        advance()
        scheduleWake()
        try requireWritten()
        return try snapshot(id, at: now)
    }

    /// Marks a crypto invoice's payment as seen now. Paying an already paid invoice changes nothing.
    func simulatePayment(id: String) throws(APIError) -> InvoiceSnapshot {
        advance()
        let now = now()
        guard let record = invoices[id] else { throw .notFound("Invoice '\(id)' not found") }
        guard record.quote.method.isCrypto else {
            throw .invalidParam("invoice '\(id)' is a balance invoice; pay it with POST /invoices/\(id)/pay")
        }
        let timeline = InvoiceTimeline(record, timing: timing)
        guard !timeline.isPaid(at: now) else { return try snapshot(id, at: now) }
        try requireUnpaid(record, at: now)
        return try markPaid(record, id: id, at: now)
    }

    /// Expires an unpaid invoice now. Expiring an expired invoice changes nothing.
    func expire(id: String) throws(APIError) -> InvoiceSnapshot {
        advance()
        let now = now()
        guard var record = invoices[id] else { throw .notFound("Invoice '\(id)' not found") }
        let timeline = InvoiceTimeline(record, timing: timing)
        guard !timeline.isExpired(at: now) else { return try snapshot(id, at: now) }
        guard !timeline.isPaid(at: now) else { throw .invalidParam("invoice '\(id)' is already paid") }
        record.expiredAt = now
        invoices[id] = record
        persistInvoice(id)
        advance()
        scheduleWake()
        try requireWritten()
        return try snapshot(id, at: now)
    }

    // MARK: Orders

    /// Every order, newest invoice first, each invoice's orders in their own order.
    /// Orders newest first (by their invoice), created strictly after `after` and strictly before `before` when given.
    func orders(after: Date? = nil, before: Date? = nil) -> [OrderSnapshot] {
        advance()
        let now = now()
        return invoiceIDs.reversed().flatMap { id in (try? snapshot(id, at: now))?.orders ?? [] }.filter { order in
            if let after, order.createdAt <= after { return false }
            if let before, order.createdAt >= before { return false }
            return true
        }
    }

    func order(id: String) throws(APIError) -> OrderSnapshot {
        advance()
        guard let location = orderLocations[id] else { throw .notFound("Order '\(id)' not found") }
        return try snapshot(location.invoiceID, at: now()).orders[location.index]
    }

    // MARK: eSIMs

    func esimList() -> [ESIMRecord] {
        advance()
        return esimIDs.compactMap { esims[$0] }
    }

    func esim(iccid: String) throws(APIError) -> ESIMRecord {
        advance()
        guard let esim = esims[iccid] else { throw .notFound("eSIM '\(iccid)' not found") }
        return esim
    }

    // MARK: Lifecycle

    /// Stops the self-wake and any webhook still retrying.
    func shutdown() async {
        isShutDown = true
        wakeTask?.cancel()
        wakeTask = nil
        await webhooks.shutdown()
    }

    // MARK: Persistence

    func persistInvoice(_ id: String) {
        guard let persistence, let record = invoices[id] else { return }
        write { try persistence.saveInvoice(try RecordDocuments.saved(record)) }
    }

    func persistBalance() {
        guard let persistence else { return }
        let balance = accountBalance
        write { try persistence.saveBalance(balance) }
    }

    func persistESIM(_ iccid: String) {
        guard let persistence, let esim = esims[iccid] else { return }
        write { try persistence.saveESIM(try RecordDocuments.saved(esim)) }
    }

    private func write(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            writeFailure = writeFailure ?? "\(error)"
        }
    }

    /// A change that could not be written would be lost at the next restart: say so instead of answering it.
    private func requireWritten() throws(APIError) {
        guard let writeFailure else { return }
        throw APIError(.internalServerError, code: "internal_error", "The sandbox could not save its data: \(writeFailure)")
    }

    // MARK: Private

    /// The invoice as it stands at `now`; `not_found` when there is no such invoice.
    private func snapshot(_ id: String, at now: Date) throws(APIError) -> InvoiceSnapshot {
        guard let record = invoices[id] else { throw .notFound("Invoice '\(id)' not found") }
        return InvoiceSnapshot(record: record, timeline: InvoiceTimeline(record, timing: timing), now: now)
    }

    private func requireBalance(_ amount: Int64) throws(APIError) {
        guard accountBalance >= amount else {
            throw APIError(.badRequest, code: "balance_too_low",
                           "Insufficient balance. Required: \(pricing.describe(amount)), Available: \(pricing.describe(accountBalance))")
        }
    }

    private func requireUnpaid(_ record: InvoiceRecord, at now: Date) throws(APIError) {
        let timeline = InvoiceTimeline(record, timing: timing)
        if timeline.isPaid(at: now) { throw .invalidParam("invoice '\(record.id)' is already paid") }
        if timeline.isExpired(at: now) { throw .invalidParam("invoice '\(record.id)' has expired") }
    }

    private func makeOrder(_ line: Purchase.Line, accountPrice: Int64, usd: Double, method: PaymentMethod, createdAt: Date) -> OrderRecord {
        var provision: ESIMProvision?
        if line.product.kind == .esim {
            let dataMB = line.product.packages.first { $0.label == line.label }?.dataMB ?? 1000
            if let iccid = line.esimID, let existing = esims[iccid] {
                provision = ESIMProvision(iccid: iccid, isTopUp: true, bundleLabel: line.label, dataMB: dataMB,
                                          activationCode: existing.activationCode, pin: existing.pin)
            } else {
                let iccid = minting.iccid { [esims, reservedICCIDs] in esims[$0] != nil || reservedICCIDs.contains($0) }
                reservedICCIDs.insert(iccid)
                let credentials = minting.esimCredentials()
                provision = ESIMProvision(iccid: iccid, isTopUp: false, bundleLabel: line.label, dataMB: dataMB,
                                          activationCode: credentials.activationCode, pin: credentials.pin)
            }
        }
        return OrderRecord(
            id: minting.orderID(),
            product: line.product,
            valueLabel: line.label,
            amount: line.amount,
            accountPrice: accountPrice,
            refundAmount: method == .balance ? .int(accountPrice) : .rawNumber(method.cryptoPrice(usd: usd)),
            refundCurrency: method == .balance ? pricing.currency : method.cryptoCurrency,
            phoneNumber: line.phoneNumber,
            redemption: minting.redemption(for: line.product, value: line.label, createdAt: createdAt, esim: provision),
            esim: provision
        )
    }
}
