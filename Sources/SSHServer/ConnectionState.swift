import Foundation

/// What the server knows about one TCP connection. Touched only on that connection's event loop (the
/// connection and its SSH channels share it), hence unchecked.
final class ConnectionState: @unchecked Sendable {
    let peer: String
    var visitor: Visitor = .sandbox(keyFingerprint: nil)
    /// Set when the connection came too fast; its first session is told and closed.
    var arrivedTooFast: SessionLedger.Refusal?
    var openedSession = false
    /// Session channels open on this connection, whatever they asked for.
    private(set) var openChannels = 0
    /// Whether a refused channel was logged: one line per connection, not one per channel of a flood.
    var loggedChannelRefusal = false

    /// Session channels one connection may hold at once, as OpenSSH's sshd allows (`MaxSessions`): each costs
    /// memory before it asks for anything, and one connection opened 20,000.
    static let maxChannels = 10

    init(peer: String) {
        self.peer = peer
    }

    /// Takes one of the connection's session channels, or says no: the connection holds too many.
    func admitChannel() -> Bool {
        guard openChannels < Self.maxChannels else { return false }
        openChannels += 1
        return true
    }

    func channelClosed() {
        openChannels = max(0, openChannels - 1)
    }

    /// Why a session on this connection is refused before any slot is counted. The connection rate guards
    /// against anonymous floods; a listed key is the operator's own, and may come from the audience's address.
    var sessionRefusal: SessionLedger.Refusal? {
        visitor.isListed ? nil : arrivedTooFast
    }
}
