import Foundation
import StorefrontDomain

/// The background check every running storefront makes (the full-screen one, and `storefront ssh serve` in team
/// mode): every `every` seconds, the unfinished purchases no host works (their host was killed, or cut off past its
/// lease) are handed to `found`, which follows them. A follow takes the purchase's lease first, so two hosts that
/// find the same purchase do not both finish it, and reconciles with the server before anything is sent again.
public struct AbandonedPurchaseCheck: Sendable {
    public let engine: PurchaseEngine
    /// Well under a lease's length: a purchase stranded by a killed host is taken up within a minute of its death.
    public let every: TimeInterval
    /// Injected, so a test turns the check by hand instead of waiting.
    public let sleep: @Sendable (TimeInterval) async -> Void

    public init(engine: PurchaseEngine, every: TimeInterval = 15,
                sleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) }) {
        self.engine = engine
        self.every = every
        self.sleep = sleep
    }

    /// Checks until the task is cancelled. A check that fails (the journal unreachable) is tried at the next turn.
    ///
    /// A storefront whose journal it may not write (a lookup agent's) never takes a purchase up: it could neither
    /// hold its lease nor finish it, and claiming it would only tell the desk that someone is on it. It hands what
    /// it finds to `waitingForABuyer` instead (whoever shows it says so once), or, given nowhere to say it, does not
    /// check at all.
    public func run(_ found: @Sendable ([Purchase]) async -> Void,
                    waitingForABuyer: (@Sendable ([Purchase]) async -> Void)? = nil) async {
        let takesUp = engine.journal.writesPurchases
        if !takesUp, waitingForABuyer == nil { return }
        while !Task.isCancelled {
            await sleep(every)
            if Task.isCancelled { return }
            guard let abandoned = try? await engine.abandoned(), !abandoned.isEmpty else { continue }
            if takesUp {
                await found(abandoned)
            } else {
                await waitingForABuyer?(abandoned)
            }
        }
    }
}
