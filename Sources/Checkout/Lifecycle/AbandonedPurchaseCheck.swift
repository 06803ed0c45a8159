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
    public func run(_ found: @Sendable ([Purchase]) async -> Void) async {
        while !Task.isCancelled {
            await sleep(every)
            if Task.isCancelled { return }
            guard let abandoned = try? await engine.abandoned(), !abandoned.isEmpty else { continue }
            await found(abandoned)
        }
    }
}
