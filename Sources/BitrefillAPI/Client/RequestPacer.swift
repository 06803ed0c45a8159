/// How urgent a call is when hosts share one account's rate limits: a purchase being followed (or anything an
/// agent is waiting for) goes before work nobody watches, such as walking the whole catalog or the account's history.
public enum RequestPriority: String, Sendable, Hashable {
    case foreground
    case background
}

/// One request about to be sent, as a pacer sees it: the call's template name ("GET /products/{id}"), never its ids.
public struct PacedRequest: Sendable, Hashable {
    public var method: RequestMethod
    public var name: String
    public var priority: RequestPriority

    public init(method: RequestMethod, name: String, priority: RequestPriority) {
        self.method = method
        self.name = name
        self.priority = priority
    }
}

/// Takes a turn in a rate budget before each request is sent (every attempt, retries included). In team mode it is
/// the desk's budget in the team database, so N hosts together stay within the account's limits; alone, a client
/// has none and relies on the API's 429s. Throwing stops the request before anything is sent.
public protocol RequestPacer: Sendable {
    func waitForTurn(_ request: PacedRequest) async throws
}
