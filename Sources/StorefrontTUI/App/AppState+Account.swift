import Foundation
import StorefrontDomain

/// The Account screen (`A`): every invoice of the account from the server, whoever made it, newest first; `/`
/// filters what is loaded, scrolling near the end loads the next page, Enter opens one with its orders.
public struct AccountScreenState: Sendable, Equatable {
    /// Newest first, as loaded so far (from the cache at once, then from the server).
    public var invoices: [AccountInvoice] = []
    /// Every page was read: the list is the whole account's.
    public var complete = false
    public var fetchedAt: Date?
    public var budget: RequestAllowance?
    /// A request to the server is on its way.
    public var isLoading = false
    /// Why the last request failed (a spent budget, an outage); the list shown is then what was read before.
    public var problem: String?
    /// While a read waits for the request budget: until when.
    public var waitingUntil: Date?
    public var filter = ""
    public var isEditingFilter = false
    public var selection = 0
    public var scroll = 0
    public var returnTo: Screen = .browser
    /// The invoice opened with Enter, with its orders' codes (held here only, never written).
    public var detail: AccountInvoiceDetail?
    /// The invoice being opened.
    public var opening: String?
    public var detailScroll = 0
    /// `r` on the opened invoice: its codes show until then (30 s), unless presenting.
    public var revealedUntil: Date?

    public init() {}

    /// The loaded invoices the filter keeps.
    public var visible: [AccountInvoice] {
        let query = AccountQuery(search: filter)
        return filter.isEmpty ? invoices : invoices.filter(query.matches)
    }

    public var selectedInvoice: AccountInvoice? {
        let visible = visible
        return visible.indices.contains(selection) ? visible[selection] : nil
    }
}

/// What the account history's work came back with.
public enum AccountEvent: Sendable, Equatable {
    /// What is known now; `stillLoading` while a request it started is still on its way.
    case loaded(AccountHistorySnapshot, stillLoading: Bool)
    case failed(String, AccountHistorySnapshot?)
    case opened(AccountInvoiceDetail)
    case openFailed(invoiceId: String, message: String)
    /// A read waits for the request budget until then (it goes on by itself).
    case waiting(until: Date)
}

/// Account history work for the effect runner.
public enum AccountEffect: Sendable, Equatable {
    /// The cache at once, then the first pages again when stale (or always, with `force`).
    case load(force: Bool)
    /// The next page after those loaded.
    case loadMore
    /// One invoice and its orders, with their codes, from the server.
    case open(invoiceId: String)
}
