import BitrefillAPI

/// A checkout step that could not be done, with what to do about it.
public struct CheckoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The API's error, when that is what stopped it (for exit codes and retry decisions).
    public var apiError: APIError?
    /// Set when the request was not placed because the journal already answers it (a reused key, an identical
    /// purchase moments ago): the TUI asks whether to buy again, the CLI names `--again`.
    public var refusal: PlacementRefusal?
    /// The journal has no such purchase: a wrong id, not a failure to retry.
    public var isNotFound: Bool

    public init(_ message: String, apiError: APIError? = nil, refusal: PlacementRefusal? = nil, isNotFound: Bool = false) {
        self.message = message
        self.apiError = apiError
        self.refusal = refusal
        self.isNotFound = isNotFound
    }

    public var description: String { message }

    /// A lost connection, a 5xx, a rate limit or an unreadable body: worth waiting out while following an invoice.
    /// The API error decides, so the client and the engine cannot disagree on what is transient.
    public var isTransient: Bool { apiError?.isTransient ?? false }
}
