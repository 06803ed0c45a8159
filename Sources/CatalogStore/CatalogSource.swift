import BitrefillAPI
import Foundation

/// Where a catalog comes from. A cache answers only for the source that filled it: a catalog read from one
/// API URL or account is never shown for another (prices are per account, products per API).
public struct CatalogSource: Sendable, Hashable, CustomStringConvertible {
    /// The API base URL, normalised: lower-case scheme and host, no trailing slash.
    public var apiURL: String
    /// `Credentials.fingerprint`: tells accounts apart without storing anything secret.
    public var account: String

    public init(apiURL: String, account: String) {
        self.apiURL = apiURL
        self.account = account
    }

    public init(baseURL: URL, credentials: Credentials) {
        self.init(apiURL: Self.normalized(baseURL), account: credentials.fingerprint)
    }

    /// "https://api.bitrefill.com/v2 (account 3f2a…)".
    public var description: String { "\(apiURL) (account \(account.prefix(6)))" }

    /// Built from the URL's parts rather than through `URLComponents`, whose host handling loads ICU's IDNA
    /// tables: megabytes of memory for every command that opens the catalog.
    static func normalized(_ url: URL) -> String {
        var text = url.absoluteString
        if let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() {
            text = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "") + url.path
        }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// Which of the two published shapes the products came in: the live one (no `type`) or the documented one.
public enum CatalogDialect: String, Sendable, Hashable, Codable {
    case observed
    case docs
    /// Some products of each shape.
    case mixed

    /// The dialect of one product: the documented shape always carries `type`, the live one never does.
    static func of(_ product: Product) -> CatalogDialect {
        product.type == nil ? .observed : .docs
    }

    func merged(with other: CatalogDialect?) -> CatalogDialect {
        guard let other, other != self else { return self }
        return .mixed
    }
}

/// What the cache knows about itself: where it came from, when it was last refreshed, and whether that
/// refresh finished.
public struct CatalogMetadata: Sendable, Hashable {
    public var source: CatalogSource
    /// nil until a refresh has read a product.
    public var dialect: CatalogDialect?
    /// The account currency package prices are in ("BTC", "EUR"); nil when the balance call was refused.
    public var accountCurrency: String?
    /// When the latest refresh started (finished or not).
    public var lastStarted: Date
    /// When the latest complete refresh finished; nil while a first fill is incomplete.
    public var lastCompleted: Date?
    /// Products listed by the latest complete refresh.
    public var productCount: Int

    public init(source: CatalogSource, dialect: CatalogDialect? = nil, accountCurrency: String? = nil, lastStarted: Date,
                lastCompleted: Date? = nil, productCount: Int = 0) {
        self.source = source
        self.dialect = dialect
        self.accountCurrency = accountCurrency
        self.lastStarted = lastStarted
        self.lastCompleted = lastCompleted
        self.productCount = productCount
    }

    public var isComplete: Bool { lastCompleted != nil }

    /// Time since the latest complete refresh; nil when there was none.
    public func age(now: Date) -> TimeInterval? {
        lastCompleted.map { max(0, now.timeIntervalSince($0)) }
    }
}
