import Foundation
import StorefrontDomain

/// One purchase as it stood after a change in the team journal: what the feed shows of a colleague's work.
public struct PurchaseChange: Sendable, Equatable {
    /// The change's number (`change_seq`): a purchase's later changes have higher numbers (numbers are taken before
    /// commit, so changes of different purchases can commit out of number order).
    public var seq: Int64
    /// Who bought it, as the database holds it (untrusted text: sanitise before it reaches a terminal).
    public var agent: String
    /// When the host that wrote it says it did.
    public var updatedAt: Date
    public var purchase: Purchase

    public init(seq: Int64, agent: String, updatedAt: Date, purchase: Purchase) {
        self.seq = seq
        self.agent = agent
        self.updatedAt = updatedAt
        self.purchase = purchase
    }
}

/// What a running feed reports.
public enum TeamFeedEvent: Sendable, Equatable {
    /// Purchases that changed, in change order, each once.
    case changed([PurchaseChange])
    /// The feed's connection is gone (the reason, never a bound value); it reconnects with backoff.
    case lost(String)
    /// Listening again: every change made while the connection was away follows, then live changes.
    case resumed
}
