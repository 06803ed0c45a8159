import StorefrontDomain

/// Which purchases a history asks the journal for: the search words, and for a desk sharing one journal, whose
/// purchases (`--mine`, `--agent`) and which ticket. Every journal applies it the same way; the placement uses it to
/// find a ticket's purchases in flight.
public struct PurchaseFilter: Sendable, Equatable, ExpressibleByStringLiteral {
    /// Every word must match an invoice id, product, phone number, ICCID or the end of a masked value (or the
    /// words spell a phone number); empty matches everything.
    public var search: String
    /// Only this agent's purchases.
    public var agent: String?
    /// Only purchases made for this ticket.
    public var ticket: String?
    /// Only purchases still in flight (`PurchaseStage.unfinished`).
    public var unfinishedOnly: Bool

    public init(search: String = "", agent: String? = nil, ticket: String? = nil, unfinishedOnly: Bool = false) {
        self.search = search
        self.agent = agent
        self.ticket = ticket
        self.unfinishedOnly = unfinishedOnly
    }

    /// Search words alone.
    public init(stringLiteral search: String) {
        self.init(search: search)
    }
}
