import Foundation

/// The request budget a response reports. Two header families exist: `X-RateLimit-*` with `Reset` as Unix
/// seconds, and `ratelimit-*` with `reset` as seconds from now. Both are read; `Retry-After` too.
///
/// Headers are server input: a figure that is not a finite number (`NaN`, `1e400`), is negative, does not fit an
/// `Int`, or puts the reset more than `horizon` away is ignored rather than converted, as a conversion would trap.
public struct RateLimitStatus: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    public var resetAt: Date?

    public init(limit: Int? = nil, remaining: Int? = nil, resetAt: Date? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// No budget the API documents resets further away than an hour; a day leaves room for odd servers.
    static let horizon: TimeInterval = 24 * 60 * 60

    /// nil when the response carries none of the headers (or none that make sense).
    public static func parse(_ response: HTTPResponseData, now: Date) -> RateLimitStatus? {
        let header: (String) -> Double? = { name in
            response.header(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.isFinite ? $0 : nil }
        }
        var status = RateLimitStatus()
        status.limit = (header("x-ratelimit-limit") ?? header("ratelimit-limit")).flatMap(count)
        status.remaining = (header("x-ratelimit-remaining") ?? header("ratelimit-remaining")).flatMap(count)
        if let reset = header("x-ratelimit-reset") {
            // Unix time; a small number can only be a delay (some servers send seconds here too).
            status.resetAt = reset > 1_000_000_000 ? Date(timeIntervalSince1970: reset) : now.addingTimeInterval(reset)
        } else if let reset = header("ratelimit-reset") {
            status.resetAt = now.addingTimeInterval(reset)
        } else if let retryAfter = response.header("retry-after") {
            status.resetAt = header("retry-after").map { now.addingTimeInterval($0) } ?? Self.httpDate(retryAfter)
        }
        if let reset = status.resetAt, abs(reset.timeIntervalSince(now)) > horizon { status.resetAt = nil }
        guard status.limit != nil || status.remaining != nil || status.resetAt != nil else { return nil }
        return status
    }

    /// Whole seconds from `now` until `reset`, rounded up, never negative; capped at `horizon` whatever the dates.
    public static func seconds(from now: Date, to reset: Date) -> Int {
        let interval = reset.timeIntervalSince(now)
        guard interval > 0 else { return 0 }
        return Int(min(interval, horizon).rounded(.up))
    }

    /// A count header as an Int: finite, not negative, and small enough to fit.
    private static func count(_ value: Double) -> Int? {
        value >= 0 ? Int(exactly: value.rounded(.down)) : nil
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
