/// How strictly the sandbox enforces the real API's rate limits, and which headers announce them.
///
/// The limits themselves are the live API's: product endpoints 60 per minute and 1000 per hour,
/// `/ping` 1 per 3 seconds, every other endpoint 60 per 10 minutes, all per account.
public struct SandboxRateLimits: Sendable, Equatable {
    /// The two header families seen in the wild. A client must read both; tests send one at a time.
    public enum HeaderFamily: String, Sendable, CaseIterable, Hashable {
        /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Reset = Unix time in seconds).
        case xRateLimit
        /// `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` (reset = seconds from now).
        case rateLimit
    }

    /// Every limit is multiplied by this; 0 turns limiting (and its headers) off.
    public var multiplier: Int
    /// Header families sent on every limited response, the 429 included.
    public var headerFamilies: Set<HeaderFamily>

    public init(multiplier: Int, headerFamilies: Set<HeaderFamily> = Set(HeaderFamily.allCases)) {
        self.multiplier = max(0, multiplier)
        self.headerFamilies = headerFamilies
    }

    /// The live API's limits.
    public static let real = SandboxRateLimits(multiplier: 1)
    /// Ten times the live limits: the embedded demo, where one person clicks around quickly.
    public static let relaxed = SandboxRateLimits(multiplier: 10)
    /// No limits and no headers: benchmarks.
    public static let off = SandboxRateLimits(multiplier: 0, headerFamilies: [])

    /// The same limits announced with only one header family.
    public func sendingOnly(_ family: HeaderFamily) -> SandboxRateLimits {
        SandboxRateLimits(multiplier: multiplier, headerFamilies: [family])
    }

    var isEnforced: Bool { multiplier > 0 }
}
