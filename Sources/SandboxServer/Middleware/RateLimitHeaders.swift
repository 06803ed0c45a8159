import Foundation
import HTTPTypes
import Hummingbird

/// Writes the rate-limit header families.
enum RateLimitHeaders {
    private static let xLimit = HTTPField.Name("X-RateLimit-Limit")!
    private static let xRemaining = HTTPField.Name("X-RateLimit-Remaining")!
    private static let xReset = HTTPField.Name("X-RateLimit-Reset")!
    private static let limit = HTTPField.Name("ratelimit-limit")!
    private static let remaining = HTTPField.Name("ratelimit-remaining")!
    private static let reset = HTTPField.Name("ratelimit-reset")!

    /// `X-RateLimit-Reset` is the Unix time (seconds, rounded up); `ratelimit-reset` is seconds from now.
    static func apply(
        to headers: inout HTTPFields, families: Set<SandboxRateLimits.HeaderFamily>,
        limit limitValue: Int, remaining remainingValue: Int, resetAt: Date, now: Date
    ) {
        if families.contains(.xRateLimit) {
            headers[xLimit] = String(limitValue)
            headers[xRemaining] = String(remainingValue)
            headers[xReset] = String(Int64(resetAt.timeIntervalSince1970.rounded(.up)))
        }
        if families.contains(.rateLimit) {
            headers[limit] = String(limitValue)
            headers[remaining] = String(remainingValue)
            headers[reset] = String(Int64(max(0, resetAt.timeIntervalSince(now)).rounded(.up)))
        }
    }

    /// The 429 answer: the error envelope plus the headers.
    static func tooManyRequests(
        for request: Request, families: Set<SandboxRateLimits.HeaderFamily>, limit: Int, resetAt: Date, now: Date
    ) -> Response {
        let seconds = Int64(max(0, resetAt.timeIntervalSince(now)).rounded(.up))
        var response = Reply.failure(
            APIError(.tooManyRequests, code: "rate_limit_exceeded", "Too many requests. Try again in \(seconds) seconds"),
            for: request
        )
        apply(to: &response.headers, families: families, limit: limit, remaining: 0, resetAt: resetAt, now: now)
        return response
    }
}
