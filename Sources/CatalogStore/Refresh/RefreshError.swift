import BitrefillAPI

/// Why a refresh stopped, and what state it left the cache in. A refresh never leaves a complete catalog
/// half-changed: either everything it read is written, or nothing is.
public struct RefreshError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The API failed in a way waiting did not cure (5xx after retries, garbage, refused credentials).
        case api(APIError.Kind)
        /// The cache could not be read or written.
        case store(CatalogStoreError.Kind)
        /// The API listed no products at all while the cache has some: taken as a fault, not as an empty shop.
        case emptyListing
        case cancelled
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
