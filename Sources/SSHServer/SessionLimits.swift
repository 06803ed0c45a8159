import Foundation

/// How many sessions the server holds, per address and in all, and how fast one address may connect.
public struct SessionLimits: Sendable, Equatable {
    public var maxSessions: Int
    public var maxSessionsPerAddress: Int
    public var connectionsPerMinutePerAddress: Int

    public init(maxSessions: Int = 20, maxSessionsPerAddress: Int = 4, connectionsPerMinutePerAddress: Int = 20) {
        self.maxSessions = maxSessions
        self.maxSessionsPerAddress = maxSessionsPerAddress
        self.connectionsPerMinutePerAddress = connectionsPerMinutePerAddress
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
                "The storefront is full (\(limit) sessions). Please try again in a few minutes."
            case .addressFull(let limit):
                "Your address already has \(limit) sessions open. Close one and try again."
            case .tooFast(let limit):
                "Too many connections from your address (\(limit) a minute). Please wait a minute and try again."
            }
        }
    }

    public let limits: SessionLimits
    private var sessions: [String: Int] = [:]
    private var connections: [String: [Date]] = [:]

    public init(limits: SessionLimits) {
        self.limits = limits
    }

    public var openSessions: Int { sessions.values.reduce(0, +) }

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

    /// Takes a session slot for `address`, or says why not.
    public mutating func openSession(for address: String) -> Refusal? {
        if openSessions >= limits.maxSessions { return .full(limits.maxSessions) }
        if sessions[address, default: 0] >= limits.maxSessionsPerAddress { return .addressFull(limits.maxSessionsPerAddress) }
        sessions[address, default: 0] += 1
        return nil
    }

    public mutating func closeSession(for address: String) {
        guard let count = sessions[address] else { return }
        sessions[address] = count > 1 ? count - 1 : nil
    }
}
