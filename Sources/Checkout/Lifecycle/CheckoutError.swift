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
    /// The journal could not be written, and whether the server had acted by then.
    public var journalFailure: JournalFailure?
    /// The purchase was made on another API: the journal's copy is all there is to show here.
    public var madeOnAnotherAPI: Bool
    /// Another host took the purchase over (this one's lease ran out): who holds it now. Nothing was written over it.
    public var takenOver: TakenOver?

    public struct TakenOver: Sendable, Equatable {
        public var purchaseId: String
        /// The new holder as its lease names it, or "another storefront" when it is already done with it.
        public var holder: String
    }

    /// When a journal write failed: before anything was sent (nothing happened), or after the server acted (an
    /// invoice may exist and be paid that the journal does not know; its id when the answer carried one).
    public enum JournalFailure: Sendable, Equatable {
        case beforeSending
        /// The journal's database (a team's, over the network) did not answer before anything was sent.
        case unreachable
        case afterServerActed(invoiceId: String?)
    }

    public init(_ message: String, apiError: APIError? = nil, refusal: PlacementRefusal? = nil, isNotFound: Bool = false,
                journalFailure: JournalFailure? = nil, madeOnAnotherAPI: Bool = false, takenOver: TakenOver? = nil) {
        self.message = message
        self.apiError = apiError
        self.refusal = refusal
        self.isNotFound = isNotFound
        self.journalFailure = journalFailure
        self.madeOnAnotherAPI = madeOnAnotherAPI
        self.takenOver = takenOver
    }

    public var description: String { message }

    /// A lost connection, a 5xx, a rate limit or an unreadable body: worth waiting out while following an invoice.
    /// The API error decides, so the client and the engine cannot disagree on what is transient.
    public var isTransient: Bool { apiError?.isTransient ?? false }
}
