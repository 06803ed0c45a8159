import Foundation
import Logging
import StorefrontDomain

/// Everything the client needs to know, with the production defaults. Time and randomness are injected so
/// retry and rate-limit behaviour is tested without waiting.
public struct ClientConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.bitrefill.com/v2")!

    public var baseURL: URL
    public var credentials: Credentials
    public var requestTimeout: Duration
    public var userAgent: String
    /// Transient failures (5xx, lost connections) of safe requests are retried this many times.
    public var maxTransientRetries: Int
    /// Backoff before retry n is a random duration in 0...min(cap, base * 2^n) ("full jitter").
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// A 429 on a safe request is waited out this many times at most.
    public var maxRateLimitWaits: Int
    /// A 429 whose reset is further away than this is returned as an error instead of waited for.
    public var maxRateLimitWait: Duration
    /// Waits for this long when a 429 names no reset time.
    public var defaultRateLimitWait: Duration
    public var sleep: @Sendable (Duration) async throws -> Void
    public var now: @Sendable () -> Date
    /// A number in 0..<1, for jitter.
    public var random: @Sendable () -> Double
    public var onEvent: @Sendable (ClientEvent) -> Void
    /// Where each request's one-line summary goes, at debug level (see `RequestRecord`); silent unless given.
    public var logger: Logger
    /// The shared rate budget each request takes a turn from before it is sent (team mode); nil: none.
    public var pacer: (any RequestPacer)?
    /// What this client's calls ask the pacer for: `.background` for walks nobody waits on (`inBackground()`).
    public var priority: RequestPriority

    public init(baseURL: URL = ClientConfiguration.defaultBaseURL, credentials: Credentials,
                requestTimeout: Duration = .seconds(30),
                userAgent: String = "storefront/\(StorefrontVersion.current) (Linux; Bitrefill API v2 client)",
                maxTransientRetries: Int = 4, backoffBase: Duration = .milliseconds(500), backoffCap: Duration = .seconds(8),
                maxRateLimitWaits: Int = 8, maxRateLimitWait: Duration = .seconds(15 * 60),
                defaultRateLimitWait: Duration = .seconds(10),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                now: @escaping @Sendable () -> Date = { Date() },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                onEvent: @escaping @Sendable (ClientEvent) -> Void = { _ in },
                logger: Logger = Logger(label: "storefront.api", factory: { _ in SwiftLogNoOpLogHandler() }),
                pacer: (any RequestPacer)? = nil, priority: RequestPriority = .foreground) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
        self.maxTransientRetries = maxTransientRetries
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.maxRateLimitWaits = maxRateLimitWaits
        self.maxRateLimitWait = maxRateLimitWait
        self.defaultRateLimitWait = defaultRateLimitWait
        self.sleep = sleep
        self.now = now
        self.random = random
        self.onEvent = onEvent
        self.logger = logger
        self.pacer = pacer
        self.priority = priority
    }

    /// "api.bitrefill.com" or "127.0.0.1:8080": what messages name.
    public var host: String {
        guard let host = baseURL.host else { return baseURL.absoluteString }
        return baseURL.port.map { "\(host):\($0)" } ?? host
    }
}
