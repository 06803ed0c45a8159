import Foundation

/// What the server knows about one TCP connection. Touched only on that connection's event loop (the
/// connection and its SSH channels share it), hence unchecked.
final class ConnectionState: @unchecked Sendable {
    let peer: String
    var visitor: Visitor = .sandbox(keyFingerprint: nil)
    /// Set when the connection came too fast; its first session is told and closed.
    var arrivedTooFast: SessionLedger.Refusal?
    var openedSession = false

    init(peer: String) {
        self.peer = peer
    }

    /// Why a session on this connection is refused before any slot is counted. The connection rate guards
    /// against anonymous floods; a listed key is the operator's own, and may come from the audience's address.
    var sessionRefusal: SessionLedger.Refusal? {
        visitor.isListed ? nil : arrivedTooFast
    }
}
