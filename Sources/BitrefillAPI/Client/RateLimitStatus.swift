import Foundation

/// The request budget a response reports. Two header families exist: `X-RateLimit-*` with `Reset` as Unix
/// seconds, and `ratelimit-*` with `reset` as seconds from now. Both are read; `Retry-After` too.
public struct RateLimitStatus: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    public var resetAt: Date?

    public init(limit: Int? = nil, remaining: Int? = nil, resetAt: Date? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }

    /// nil when the response carries none of the headers.
    public static func parse(_ response: HTTPResponseData, now: Date) -> RateLimitStatus? {
        let header: (String) -> Double? = { name in
            response.header(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        }
        var status = RateLimitStatus()
        status.limit = (header("x-ratelimit-limit") ?? header("ratelimit-limit")).map { Int($0) }
        status.remaining = (header("x-ratelimit-remaining") ?? header("ratelimit-remaining")).map { Int($0) }
        if let reset = header("x-ratelimit-reset") {
            // Unix time; a small number can only be a delay (some servers send seconds here too).
            status.resetAt = reset > 1_000_000_000 ? Date(timeIntervalSince1970: reset) : now.addingTimeInterval(reset)
        } else if let reset = header("ratelimit-reset") {
            status.resetAt = now.addingTimeInterval(reset)
        } else if let retryAfter = response.header("retry-after") {
            status.resetAt = Double(retryAfter).map { now.addingTimeInterval($0) } ?? Self.httpDate(retryAfter)
        }
        guard status.limit != nil || status.remaining != nil || status.resetAt != nil else { return nil }
        return status
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
