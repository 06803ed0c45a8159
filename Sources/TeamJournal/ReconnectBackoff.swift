/// How long a feed waits before it tries its connection again: short at first, so a restarted database is heard
/// from again within a second, doubling to a ceiling, so a database that stays down is not hammered.
public struct ReconnectBackoff: Sendable, Equatable {
    public var first: Duration
    public var longest: Duration

    public init(first: Duration = .milliseconds(50), longest: Duration = .seconds(2)) {
        self.first = first
        self.longest = longest
    }

    /// The wait after `failures` attempts in a row have failed (1: the first failure).
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = first
        for _ in 1..<max(1, failures) where delay < longest { delay *= 2 }
        return min(delay, longest)
    }
}
