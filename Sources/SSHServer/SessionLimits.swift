import Foundation

/// How many sessions the server holds, per address and in all, and how fast one address may connect.
public struct SessionLimits: Sendable, Equatable {
    public var maxSessions: Int
    public var maxSessionsPerAddress: Int
    public var connectionsPerMinutePerAddress: Int
    /// Slots of `maxSessions` that visitors cannot take, so the presenter (a listed key) gets in when the
    /// audience has filled the rest. Never all of them: one slot at least stays open to visitors.
    public var reservedForListedKeys: Int

    public init(maxSessions: Int = 20, maxSessionsPerAddress: Int = 4, connectionsPerMinutePerAddress: Int = 20,
                reservedForListedKeys: Int = 0) {
        self.maxSessions = maxSessions
        self.maxSessionsPerAddress = maxSessionsPerAddress
        self.connectionsPerMinutePerAddress = connectionsPerMinutePerAddress
        self.reservedForListedKeys = min(max(0, reservedForListedKeys), max(0, maxSessions - 1))
    }
}

/// The counts behind `SessionLimits`: a value, so the rules are tested without sockets or clocks.
public struct SessionLedger: Sendable {
    public enum Refusal: Equatable, Sendable, CustomStringConvertible {
        case full(Int)
        case addressFull(Int)
        case tooFast(Int)

        /// What the visitor reads.
        public var description: String {
            switch self {
            case .full(let limit):
                "The storefront is full (\(limit) \(limit == 1 ? "session" : "sessions")). Please try again in a few minutes."
            case .addressFull(let limit):
                "Your address already has \(limit) sessions open. Close one and try again."
            case .tooFast(let limit):
                "Too many connections from your address (\(limit) a minute). Please wait a minute and try again."
            }
        }
    }

    public let limits: SessionLimits
    /// Visitors' sessions per address.
    private var sessions: [String: Int] = [:]
    private var listedSessions = 0
    private var connections: [String: [Date]] = [:]

    public init(limits: SessionLimits) {
        self.limits = limits
    }

    public var openSessions: Int { visitorSessions + listedSessions }
    private var visitorSessions: Int { sessions.values.reduce(0, +) }

    /// Counts a new connection from `address` at `now`; refused past the per-minute rate.
    public mutating func admitConnection(from address: String, at now: Date) -> Refusal? {
        let recent = (connections[address] ?? []).filter { now.timeIntervalSince($0) < 60 }
        guard recent.count < limits.connectionsPerMinutePerAddress else {
            connections[address] = recent
            return .tooFast(limits.connectionsPerMinutePerAddress)
        }
        connections[address] = recent + [now]
        return nil
    }

    /// Takes a session slot for `address`, or says why not. A listed key may take any free slot from any
    /// address (the presenter may share the audience's NAT); visitors never take the slots kept for listed keys.
    public mutating func openSession(for address: String, listed: Bool = false) -> Refusal? {
        if openSessions >= limits.maxSessions { return .full(limits.maxSessions) }
        if listed {
            listedSessions += 1
            return nil
        }
        let visitorSlots = limits.maxSessions - limits.reservedForListedKeys
        if visitorSessions >= visitorSlots { return .full(visitorSlots) }
        if sessions[address, default: 0] >= limits.maxSessionsPerAddress { return .addressFull(limits.maxSessionsPerAddress) }
        sessions[address, default: 0] += 1
        return nil
    }

    public mutating func closeSession(for address: String, listed: Bool = false) {
        if listed {
            listedSessions = max(0, listedSessions - 1)
            return
        }
        guard let count = sessions[address] else { return }
        sessions[address] = count > 1 ? count - 1 : nil
    }
}
