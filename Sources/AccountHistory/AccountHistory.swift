import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain

/// The whole account's purchases, whoever made them: the server's invoices and orders (`GET /invoices`,
/// `GET /orders`), cached page by page, merged with the journal so a purchase made here is shown once and
/// marked as such. Lists open from the cache; the server is asked only when the cache is stale or more pages are
/// wanted, and never while the reported budget is spent (it waits for the reset, or says when to come back).
public final class AccountHistory: Sendable {
    public typealias Kind = AccountHistoryCache.Kind

    public let source: String
    /// A cache older than this is read again from the first page.
    public let maxAge: TimeInterval
    let client: BitrefillClient
    let cache: AccountHistoryCache
    let journal: UserDatabase?
    let budget = AccountBudget()
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    /// A spent budget resetting further away than this is reported instead of waited for.
    let maxBudgetWait: TimeInterval
    let pageSize: Int
    /// Told when a read waits for the request budget (a spent budget, or a 429 being waited out), and until when.
    let onWait: @Sendable (Date) -> Void

    public init(client: BitrefillClient, cache: AccountHistoryCache, journal: UserDatabase?, source: String,
                maxAge: TimeInterval = 300, maxBudgetWait: TimeInterval = 15 * 60, pageSize: Int = Endpoints.pageSize,
                now: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                onWait: @escaping @Sendable (Date) -> Void = { _ in }) {
        self.cache = cache
        self.journal = journal
        self.source = source
        self.maxAge = maxAge
        self.maxBudgetWait = maxBudgetWait
        self.pageSize = pageSize
        self.now = now
        self.sleep = sleep
        self.onWait = onWait
        let budget = self.budget
        self.client = client.observing { event in
            budget.note(event)
            if case .waitingForRateLimit(let endpoint, let until, _) = event, AccountBudget.endpoints.contains(endpoint) { onWait(until) }
        }
    }

    // MARK: Reading

    /// What the cache holds, merged with the journal: no request is sent.
    public func cached() throws(AccountHistoryError) -> AccountHistorySnapshot {
        // Rows first: reading them may find one this version cannot read, which starts its list over.
        let invoices = try cache.invoices(source: source)
        let orders = try cache.orders(source: source)
        let invoiceProgress = try cache.progress(.invoices, source: source)
        let orderProgress = try cache.progress(.orders, source: source)
        var snapshot = try merged(invoices: invoices, orders: orders)
        snapshot.invoicesComplete = invoiceProgress.complete
        snapshot.ordersComplete = orderProgress.complete
        snapshot.fetchedAt = [invoiceProgress.fetchedAt, orderProgress.fetchedAt].compactMap { $0 }.min()
        return snapshot
    }

    /// Invoices and orders marked from the journal, each invoice's abridged orders filled from the orders list
    /// (which alone carries phone numbers and ICCIDs).
    private func merged(invoices: [AccountInvoice], orders: [AccountOrder]) throws(AccountHistoryError) -> AccountHistorySnapshot {
        let made = try madeHere(invoiceIds: Set(invoices.map(\.id) + orders.compactMap(\.invoiceId)))
        let orders = orders.map { order in
            var order = order
            order.madeHere = order.invoiceId.flatMap { made[$0] }
            return order
        }
        let ordersByID = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let invoices = invoices.map { invoice in
            var invoice = invoice
            invoice.madeHere = made[invoice.id]
            // An invoice's orders are made here exactly when it is, whether or not the orders list was read.
            invoice.orders = invoice.orders.map { order in
                var order = ordersByID[order.id].map { order.filled(from: $0) } ?? order
                order.madeHere = invoice.madeHere
                return order
            }
            return invoice
        }
        return AccountHistorySnapshot(invoices: invoices, orders: orders, budget: budget.tightest.map(RequestAllowance.init))
    }

    /// Whether `kind` has never been read, was read longer than `maxAge` ago, or misses a purchase made here since
    /// it was read (the server has it: a purchase just made must be listed, however fresh the cache).
    public func isStale(_ kind: Kind) throws(AccountHistoryError) -> Bool {
        guard let fetched = try cache.progress(kind, source: source).fetchedAt else { return true }
        if now().timeIntervalSince(fetched) > maxAge { return true }
        return try missesAPurchaseMadeHere(kind, since: fetched)
    }

    /// A purchase of the journal with an invoice, made from a minute before `fetched` on (an invoice created while
    /// that read was under way included), that the cached `kind` does not hold. Older ones are left to the usual
    /// staleness: they may simply lie beyond the pages read so far.
    private func missesAPurchaseMadeHere(_ kind: Kind, since fetched: Date) throws(AccountHistoryError) -> Bool {
        guard let journal else { return false }
        let recent: [String]
        do {
            recent = try journal.purchases(limit: 200)
                .filter { $0.source == source && $0.createdAt > fetched.addingTimeInterval(-60) }
                .compactMap(\.invoiceId)
        } catch {
            throw AccountHistoryError(message: error.description)
        }
        guard !recent.isEmpty else { return false }
        let listed: Set<String> = switch kind {
        case .invoices: Set(try cache.invoices(source: source).map(\.id))
        case .orders: Set(try cache.orders(source: source).compactMap(\.invoiceId))
        }
        return recent.contains { !listed.contains($0) }
    }

    /// Reads the newest pages of `kind` again when stale: from the first page until one holds an entry the cache
    /// already had, so new purchases appear and older pages are not read again.
    @discardableResult
    public func refreshIfStale(_ kind: Kind) async throws(AccountHistoryError) -> AccountHistorySnapshot {
        guard try isStale(kind) else { return try cached() }
        var progress = try cache.progress(kind, source: source)
        let known = try knownIDs(kind)
        var start = 0
        var added = 0
        var reachedKnown = false
        var hasMore = true
        let fetchedAt = now()
        // An empty cache reads one page (more come as the user scrolls); a filled one reads until it meets itself.
        do {
            repeat {
                let page = try await fetchPage(kind, start: start)
                added += page.ids.filter { !known.contains($0) }.count
                reachedKnown = page.ids.contains(where: known.contains)
                hasMore = page.hasMore
                start += pageSize
            } while hasMore && !known.isEmpty && !reachedKnown
        } catch {
            try interrupted(kind, after: start)
            throw error
        }
        progress.nextStart = known.isEmpty ? start : max(start, progress.nextStart + added)
        if !hasMore { progress.complete = true }
        progress.fetchedAt = fetchedAt
        try cache.setProgress(progress, kind, source: source)
        return try cached()
    }

    /// Makes both lists stale, so the next `refreshIfStale` reads the server whatever their age (`n` on the screen).
    public func expire() throws(AccountHistoryError) {
        for kind in Kind.allCases {
            var progress = try cache.progress(kind, source: source)
            progress.fetchedAt = nil
            try cache.setProgress(progress, kind, source: source)
        }
    }

    /// The next page of `kind` after those in the cache (as the user scrolls past the last one).
    @discardableResult
    public func loadMore(_ kind: Kind) async throws(AccountHistoryError) -> AccountHistorySnapshot {
        var progress = try cache.progress(kind, source: source)
        guard !progress.complete else { return try cached() }
        let page = try await fetchPage(kind, start: progress.nextStart)
        progress.nextStart += pageSize
        progress.complete = !page.hasMore
        if progress.fetchedAt == nil { progress.fetchedAt = now() }
        try cache.setProgress(progress, kind, source: source)
        return try cached()
    }

    /// Every entry of `kind` created in `since..<until` (with `includingOrders`, the orders too, for an invoice
    /// search by phone number or ICCID), read to the last page unless the cache already holds the whole fresh list.
    /// Throws rather than return part of a list. A bounded read is not cached: the cache holds the newest pages
    /// without gaps, so that a refresh can stop where it meets what it knows.
    public func everything(_ kind: Kind, since: Date? = nil, until: Date? = nil,
                           includingOrders: Bool = false) async throws(AccountHistoryError) -> AccountHistorySnapshot {
        let kinds: [Kind] = kind == .invoices && includingOrders ? [.invoices, .orders] : [kind]
        if since != nil || until != nil {
            let after = since.map { Self.timestamp($0.addingTimeInterval(-0.001)) }
            let before = until.map(Self.timestamp)
            var invoices: [AccountInvoice] = []
            var orders: [AccountOrder] = []
            for kind in kinds {
                var start = 0
                var hasMore = true
                while hasMore {
                    let page = try await fetchPage(kind, start: start, after: after, before: before, storing: false)
                    invoices += page.invoices
                    orders += page.orders
                    hasMore = page.hasMore
                    start += pageSize
                }
            }
            var snapshot = try merged(invoices: invoices, orders: orders)
            snapshot.invoicesComplete = kinds.contains(.invoices)
            snapshot.ordersComplete = kinds.contains(.orders)
            snapshot.fetchedAt = now()
            return snapshot
        }
        for kind in kinds {
            let progress = try cache.progress(kind, source: source)
            if progress.complete, try !isStale(kind) { continue }
            let fetchedAt = now()
            var start = 0
            var hasMore = true
            do {
                while hasMore {
                    hasMore = try await fetchPage(kind, start: start).hasMore
                    start += pageSize
                }
            } catch {
                try interrupted(kind, after: start)
                throw error
            }
            try cache.setProgress(AccountHistoryCache.Progress(nextStart: start, complete: true, fetchedAt: fetchedAt), kind, source: source)
        }
        return try cached()
    }

    /// A read from the first page stopped after `start` entries: the cache is known without gaps only that far, and
    /// not complete, so the next page is read from there and the list is never shown as whole.
    private func interrupted(_ kind: Kind, after start: Int) throws(AccountHistoryError) {
        guard start > 0 else { return }
        try cache.setProgress(AccountHistoryCache.Progress(nextStart: start, complete: false, fetchedAt: nil), kind, source: source)
    }

    /// One invoice as the server has it now, with every order's redemption details for display. The invoice's
    /// listing row is refreshed in the cache; the codes are not written anywhere.
    public func open(invoiceId: String) async throws(AccountHistoryError) -> AccountInvoiceDetail {
        let invoice = try await request(Endpoints.invoice(id: invoiceId), what: "invoice \(Sanitizer.clean(invoiceId))")
        var listed = AccountInvoice(invoice)
        try cache.store(invoices: [listed], source: source)
        var orders: [PurchaseOrder] = []
        for order in invoice.orders {
            let full = try await request(Endpoints.order(id: order.id), what: "order \(Sanitizer.clean(order.id))")
            var shown = PurchaseOrder(full)
            shown.id = Sanitizer.clean(full.id)
            shown.status = shown.status.map(cleanWord)
            orders.append(shown)
        }
        // Shown with the invoice, not cached: the orders list is cached page by page from the newest only.
        listed.orders = orders.map { order in
            AccountOrder(id: order.id, invoiceId: listed.id, createdAt: listed.createdAt, status: order.status, productId: order.productId,
                         productName: order.productName, value: order.value, phoneNumber: order.phoneNumber, esimId: order.esimId)
        }
        listed.madeHere = try madeHere(invoiceIds: [listed.id])[listed.id]
        return AccountInvoiceDetail(invoice: listed, orders: orders)
    }

    // MARK: Fetching

    private struct FetchedPage {
        var invoices: [AccountInvoice] = []
        var orders: [AccountOrder] = []
        var hasMore: Bool
        var ids: [String] { invoices.map(\.id) + orders.map(\.id) }
    }

    /// One page, written to the cache unless `storing` is false (bounded reads).
    private func fetchPage(_ kind: Kind, start: Int, after: String? = nil, before: String? = nil,
                           storing: Bool = true) async throws(AccountHistoryError) -> FetchedPage {
        switch kind {
        case .invoices:
            let page = try await firstPage(of: Endpoints.invoices(after: after, before: before, start: start, limit: pageSize), what: "invoices")
            let invoices = page.items.map(AccountInvoice.init)
            if storing { try cache.store(invoices: invoices, source: source) }
            return FetchedPage(invoices: invoices, hasMore: page.hasMore)
        case .orders:
            let page = try await firstPage(of: Endpoints.orders(after: after, before: before, start: start, limit: pageSize), what: "orders")
            let orders = page.items.map { AccountOrder($0) }
            if storing { try cache.store(orders: orders, source: source) }
            return FetchedPage(orders: orders, hasMore: page.hasMore)
        }
    }

    /// One page of a list at its `start` (the server's `_next` for it is the next `start`, which callers compute).
    private func firstPage<Item: Decodable & Sendable>(of endpoint: Endpoint<[Item]>, what: String) async throws(AccountHistoryError) -> (items: [Item], hasMore: Bool) {
        try await paced(endpoint.name, what: what) {
            var iterator = client.pages(endpoint).makeAsyncIterator()
            return try await iterator.next().map { (items: $0.items, hasMore: $0.hasMore) }
        } ?? (items: [], hasMore: false)
    }

    private func request<T: Sendable>(_ endpoint: Endpoint<T>, what: String) async throws(AccountHistoryError) -> T {
        try await paced(endpoint.name, what: what) { try await client.send(endpoint) }
    }

    /// Sends `body` once the endpoint's budget allows it: a spent budget is waited out when it resets soon, and
    /// reported (with the time it resets) when it does not. API failures become messages saying what was kept.
    private func paced<T: Sendable>(_ endpoint: String, what: String, _ body: () async throws -> T) async throws(AccountHistoryError) -> T {
        if let status = budget.status(for: endpoint), status.remaining == 0, let reset = status.resetAt {
            let wait = reset.timeIntervalSince(now())
            if wait > maxBudgetWait {
                throw AccountHistoryError(.rateLimited, message: "The API's request budget for \(what) is spent until \(Self.clock(reset)); what was read so far is kept. Try again then.")
            }
            if wait > 0 {
                onWait(reset)
                do { try await sleep(.milliseconds(Int(wait * 1000) + 250)) } catch {
                    throw AccountHistoryError(.rateLimited, message: "Stopped while waiting for the API's request budget.")
                }
            }
        }
        do {
            return try await body()
        } catch let error as APIError {
            let when = error.retryAt.map { " until \(Self.clock($0))" } ?? ""
            let message = error.kind == .rateLimited
                ? "The API's rate limit stopped reading \(what)\(when); what was read so far is kept, and the list is not complete. Try again then."
                : "Could not read \(what): \(error.message)"
            throw AccountHistoryError(error.kind == .rateLimited ? .rateLimited : .api, message: message, apiError: error)
        } catch let error as AccountHistoryError {
            throw error
        } catch {
            throw AccountHistoryError(.api, message: "Stopped reading \(what): \(error)")
        }
    }

    // MARK: Helpers

    private func knownIDs(_ kind: Kind) throws(AccountHistoryError) -> Set<String> {
        switch kind {
        case .invoices: Set(try cache.invoices(source: source).map(\.id))
        case .orders: Set(try cache.orders(source: source).map(\.id))
        }
    }

    /// Journal purchases of this API among `invoiceIds`, by invoice id: only the rows of the invoices at hand are
    /// read (through the journal's invoice index), not the whole journal.
    private func madeHere(invoiceIds: Set<String>) throws(AccountHistoryError) -> [String: MadeHere] {
        guard let journal, !invoiceIds.isEmpty else { return [:] }
        do {
            return try journal.purchases(invoiceIds: invoiceIds, source: source).mapValues { MadeHere($0) }
        } catch {
            throw AccountHistoryError(message: error.description)
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func clock(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
    }
}
