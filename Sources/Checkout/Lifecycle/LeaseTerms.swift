import Foundation

/// How the purchase engine leases the purchases it works: the name it holds them under, how long a lease lasts
/// unrenewed, how often it is renewed, and how the renewer waits (injected beside the engine's clock, so a test
/// never waits for real).
public struct LeaseTerms: Sendable {
    /// Who holds the lease, as a support person finds it: user, host and process.
    public var holder: String
    /// A killed host's purchases are free for any other to finish this long after its last renewal.
    public var length: TimeInterval
    /// Well inside `length`: two renewals can fail (a database blip) before the lease runs out.
    public var renewEvery: TimeInterval
    public var sleep: @Sendable (TimeInterval) async -> Void

    public init(holder: String = LeaseTerms.thisProcess, length: TimeInterval = 30, renewEvery: TimeInterval = 10,
                sleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) }) {
        self.holder = holder
        self.length = length
        self.renewEvery = renewEvery
        self.sleep = sleep
    }

    /// This process: `$USER@hostname pid N`.
    public static var thisProcess: String {
        let info = ProcessInfo.processInfo
        let user = info.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "storefront"
        return "\(user)@\(info.hostName) pid \(info.processIdentifier)"
    }

    /// Whether `holder` names a process of this machine that has ended (killed, or crashed): its lease need not be
    /// waited out, since no one can be working under it. A holder of another machine, or one not of this form, is
    /// never judged here: its lease runs out by the clock.
    public static func hasEnded(_ holder: String) -> Bool {
        guard let marker = holder.range(of: " pid ", options: .backwards), let pid = Int32(holder[marker.upperBound...]),
              let at = holder[..<marker.lowerBound].range(of: "@", options: .backwards),
              holder[at.upperBound..<marker.lowerBound] == ProcessInfo.processInfo.hostName, pid > 0 else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
