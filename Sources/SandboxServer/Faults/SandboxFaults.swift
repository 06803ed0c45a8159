/// Random faults: each request under `/v2` (the sandbox-only `/v2/sandbox/...` excepted) draws once from a
/// generator seeded by the configuration's seed, so a failing run can be replayed exactly.
///
/// Rates are probabilities in 0...1 and are tried in the order listed; their sum should stay at or below 1.
/// Server errors, 429s, slowness and early drops happen before the request is handled. Late drops and
/// malformed bodies happen after it, so the request has taken effect even though the client never sees a
/// usable answer: the case a client must reconcile (e.g. "did my invoice get created?").
public struct SandboxFaults: Sendable, Equatable {
    /// Answer 503 with only an `error` field, as a gateway would.
    public var serverErrorRate: Double
    /// Answer 429 whatever the real limits say.
    public var rateLimitRate: Double
    /// The reset a random 429 announces.
    public var rateLimitReset: Duration
    /// Wait `slowDelay` before handling the request.
    public var slowRate: Double
    public var slowDelay: Duration
    /// Close the connection without an answer, after handling the request.
    public var droppedConnectionRate: Double
    /// Close the connection without an answer before the request is handled: nothing happened on the server.
    public var droppedBeforeHandlingRate: Double
    /// Answer 200 with a truncated JSON or an HTML body, after handling the request.
    public var malformedBodyRate: Double

    public init(
        serverErrorRate: Double = 0,
        rateLimitRate: Double = 0,
        rateLimitReset: Duration = .seconds(30),
        slowRate: Double = 0,
        slowDelay: Duration = .seconds(2),
        droppedConnectionRate: Double = 0,
        malformedBodyRate: Double = 0,
        droppedBeforeHandlingRate: Double = 0
    ) {
        self.serverErrorRate = serverErrorRate
        self.rateLimitRate = rateLimitRate
        self.rateLimitReset = rateLimitReset
        self.slowRate = slowRate
        self.slowDelay = slowDelay
        self.droppedConnectionRate = droppedConnectionRate
        self.malformedBodyRate = malformedBodyRate
        self.droppedBeforeHandlingRate = droppedBeforeHandlingRate
    }

    /// No random faults.
    public static let none = SandboxFaults()

    var isEnabled: Bool {
        serverErrorRate + rateLimitRate + slowRate + droppedConnectionRate + malformedBodyRate + droppedBeforeHandlingRate > 0
    }
}
