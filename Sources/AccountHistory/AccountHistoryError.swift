import BitrefillAPI

/// Why the account history could not be shown, in words a support person acts on. `apiError` is the call that
/// failed, when one did, so the CLI maps it to the right exit code.
public struct AccountHistoryError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The cache file (or the journal) could not be used.
        case storage
        /// The request budget is spent, or a 429 outlasted the wait: nothing is wrong, but not now.
        case rateLimited
        /// Any other failed call (`apiError` says which).
        case api
    }

    public var kind: Kind
    public var message: String
    public var apiError: APIError?

    public init(_ kind: Kind = .storage, message: String, apiError: APIError? = nil) {
        self.kind = kind
        self.message = message
        self.apiError = apiError
    }

    public var description: String { message }
}
