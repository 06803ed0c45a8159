import Foundation

/// What the account history knows at one moment: the invoices and orders read so far (newest first), whether
/// each list was read to its end, when the server was last asked, and the request budget it reported.
public struct AccountHistorySnapshot: Sendable, Equatable {
    public var invoices: [AccountInvoice]
    public var orders: [AccountOrder]
    /// False while more pages exist on the server: a list that is not complete is never shown as if it were.
    public var invoicesComplete: Bool
    public var ordersComplete: Bool
    public var fetchedAt: Date?
    public var budget: RequestAllowance?

    public init(invoices: [AccountInvoice] = [], orders: [AccountOrder] = [], invoicesComplete: Bool = false,
                ordersComplete: Bool = false, fetchedAt: Date? = nil, budget: RequestAllowance? = nil) {
        self.invoices = invoices
        self.orders = orders
        self.invoicesComplete = invoicesComplete
        self.ordersComplete = ordersComplete
        self.fetchedAt = fetchedAt
        self.budget = budget
    }
}

/// The request budget the API last reported for these endpoints: "41 of 60 requests left, resets 12:40".
public struct RequestAllowance: Sendable, Equatable, Codable {
    public var limit: Int?
    public var remaining: Int?
    public var resetAt: Date?

    public init(limit: Int? = nil, remaining: Int? = nil, resetAt: Date? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// "41/60 requests left" (or "41 requests left" when the limit is not reported).
    public var text: String? {
        guard let remaining else { return nil }
        return limit.map { "\(remaining)/\($0) requests left" } ?? "\(remaining) requests left"
    }
}

/// One invoice opened for reading: its orders as fetched just now, with their codes (masked until revealed).
/// Held in memory only: nothing of it is written to the history cache.
public struct AccountInvoiceDetail: Sendable, Equatable {
    public var invoice: AccountInvoice
    public var orders: [PurchaseOrder]

    public init(invoice: AccountInvoice, orders: [PurchaseOrder]) {
        self.invoice = invoice
        self.orders = orders
    }
}
