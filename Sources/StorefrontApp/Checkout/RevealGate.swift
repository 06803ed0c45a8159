import Checkout
import StorefrontDomain
import Synchronization

/// What every path that shows a code in full goes through (`r`, `Y`, `W`, `--reveal`, `--receipt`): in team mode each
/// reveal is recorded in the team's audit first, and one that cannot be recorded is not shown. Each order's reveal
/// is recorded once per gate (one command, one storefront session per way), however often it is printed again.
/// Without a team database there is no audit, and everything may be shown as before.
public final class RevealGate: Sendable {
    private let audit: (any RevealAudit)?
    private let recorded = Mutex<Set<Reveal>>([])

    public init(audit: (any RevealAudit)?) {
        self.audit = audit
    }

    /// No audit: the data directory's own journal.
    public static var unaudited: RevealGate { RevealGate(audit: nil) }

    public var audits: Bool { audit != nil }

    /// Records what is not recorded yet. nil: recorded, show them; otherwise why they stay masked (never a code).
    public func refusal(recording reveals: [Reveal]) async -> String? {
        guard let audit else { return nil }
        let fresh = recorded.withLock { done in reveals.filter { !done.contains($0) } }
        guard !fresh.isEmpty else { return nil }
        do {
            try await audit.record(fresh)
        } catch {
            return "The reveal could not be recorded in the team's audit, so the codes stay masked: \(error.description)"
        }
        recorded.withLock { $0.formUnion(fresh) }
        return nil
    }
}
