import StorefrontDomain

/// Where reveals are recorded before a secret is shown: the team database's append-only audit. The data directory's
/// journal records none (one person's machine has no one to answer to), so without a team database there is none.
///
/// Callers record first and show after: a reveal that cannot be recorded is not shown.
public protocol RevealAudit: Sendable {
    func record(_ reveals: [Reveal]) async throws(UserDatabaseError)
}
