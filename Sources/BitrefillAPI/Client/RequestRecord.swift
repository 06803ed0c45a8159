import Foundation
import Logging

/// What one call did, gathered while it runs and written as one debug line when it ends, so a slow or failing
/// session can be diagnosed from a log file. Only the endpoint's template ("GET /invoices/{id}"), numbers and
/// outcome categories are written: never a URL, a query (phone numbers), a header value (the API key), a body or
/// a server's message (codes, PINs and QR payloads travel in bodies).
struct RequestRecord {
    let endpoint: String
    let started: ContinuousClock.Instant
    var status: Int?
    var retries = 0
    var rateLimitWaits = 0
    var rateLimit: RateLimitStatus?

    init(endpoint: String) {
        self.endpoint = endpoint
        started = ContinuousClock.now
    }

    /// One retry of a transient failure; `reason` is a category ("HTTP 503", "unreadable body"), never text from the wire.
    func retrying(_ logger: Logger, attempt: Int, delay: Duration, reason: String) {
        logger.debug("retrying", metadata: [
            "endpoint": "\(endpoint)", "attempt": "\(attempt)", "delay_ms": "\(delay.milliseconds)", "reason": "\(reason)",
        ])
    }

    func finished(_ logger: Logger, outcome: String, now: Date) {
        var metadata: Logger.Metadata = [
            "endpoint": "\(endpoint)",
            "outcome": "\(outcome)",
            "duration_ms": "\((ContinuousClock.now - started).milliseconds)",
            "retries": "\(retries)",
            "rate_limit_waits": "\(rateLimitWaits)",
        ]
        if let status { metadata["status"] = "\(status)" }
        if let limit = rateLimit?.limit { metadata["ratelimit_limit"] = "\(limit)" }
        if let remaining = rateLimit?.remaining { metadata["ratelimit_remaining"] = "\(remaining)" }
        if let reset = rateLimit?.resetAt { metadata["ratelimit_reset_s"] = "\(RateLimitStatus.seconds(from: now, to: reset))" }
        logger.debug("request", metadata: metadata)
    }
}

extension Duration {
    /// Whole milliseconds, for logs.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

extension APIError {
    /// The error's category for logs: the kind without anything the server wrote, bar a documented `error_code`.
    var logOutcome: String {
        switch kind {
        case .rejected(let code): Self.documentedCodes.contains(code) ? "rejected \(code)" : "rejected"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not found"
        case .rateLimited: "rate limited"
        case .serverError: "server error"
        case .transport(let kind): "transport \(kind)"
        case .malformedResponse: unreadableBody ? "unreadable body" : "malformed response"
        case .unsafeNextPage: "unsafe next page"
        case .invalidRequest: "invalid request"
        }
    }
}
