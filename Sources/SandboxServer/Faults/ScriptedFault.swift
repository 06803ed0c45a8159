/// A fault queued through `SandboxControl.inject(_:)`: "the next `count` requests whose path starts with
/// `pathPrefix` (and whose method is `method`, if given) get `kind`".
///
/// `pathPrefix` is the API path without `/v2`, e.g. `/invoices` or `/products/`; the empty prefix matches
/// everything. Scripted faults are served before random ones, oldest first.
public struct ScriptedFault: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Answer this 5xx status with only an `error` field (`{"error":"Service Unavailable"}`).
        case serverError(status: Int)
        /// Answer 429, announcing a reset `reset` from now with the given header families.
        case rateLimited(headers: Set<SandboxRateLimits.HeaderFamily>, reset: Duration)
        /// Answer 403 `forbidden`, as for an account without API access.
        case forbidden
        /// Answer 200 with a body that is not valid JSON: truncated JSON, or an HTML error page when `html`.
        case malformedBody(html: Bool)
        /// Close the connection without answering.
        case dropConnection
        /// Wait this long, then carry on normally.
        case delay(Duration)
    }

    /// When the fault strikes relative to the real handling of the request.
    public enum Timing: Sendable, Equatable {
        /// The request is never handled (nothing changes on the server).
        case beforeHandling
        /// The request is handled (an invoice may be created), then its answer is replaced or lost.
        case afterHandling
    }

    public var kind: Kind
    public var pathPrefix: String
    public var method: String?
    public var count: Int
    public var timing: Timing

    public init(_ kind: Kind, pathPrefix: String = "", method: String? = nil, count: Int = 1, timing: Timing = .beforeHandling) {
        self.kind = kind
        self.pathPrefix = pathPrefix
        self.method = method?.uppercased()
        self.count = max(1, count)
        self.timing = timing
    }

    func matches(method requestMethod: String, apiPath: String) -> Bool {
        apiPath.hasPrefix(pathPrefix) && (method == nil || method == requestMethod)
    }
}
