import Foundation

/// The right to work one purchase: the host holding it is the only one that creates, pays, looks at and writes the
/// purchase until it releases the lease or stops renewing it. Each take raises the purchase's epoch, and every
/// write of the purchase engine names the epoch it holds, so a host whose lease was taken over (it hung, or lost
/// its network past the lease's end) can no longer write over the host that took the purchase on.
public struct PurchaseLease: Sendable, Equatable {
    public var purchaseId: String
    /// Who holds it, in words a support person recognises: agent, host and process.
    public var holder: String
    /// Raised by every take: the fence each write names.
    public var epoch: Int64
    /// When it runs out unless renewed, by the journal's own clock (the database server's, in team mode), so hosts
    /// whose clocks disagree still agree on when a lease is free.
    public var until: Date

    public init(purchaseId: String, holder: String, epoch: Int64, until: Date) {
        self.purchaseId = purchaseId
        self.holder = holder
        self.epoch = epoch
        self.until = until
    }
}
