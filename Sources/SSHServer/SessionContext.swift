import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// What every session on the server shares: where the program is, the server's own directory and
/// environment, the counts behind the limits, and the log.
struct SessionContext: Sendable {
    let executable: String
    let serverDataDirectory: String
    let serverEnvironment: [String: String]
    /// Where unlisted visitors' sessions get their own data directory.
    let visitorScratch: VisitorScratch
    let ledger: NIOLockedValueBox<SessionLedger>
    let idleTimeout: TimeAmount?
    let openSessions: OpenSessions
    /// How long a session channel may stay open without asking for a shell or a command.
    let requestGrace: TimeAmount
    let log: @Sendable (String) -> Void
}
