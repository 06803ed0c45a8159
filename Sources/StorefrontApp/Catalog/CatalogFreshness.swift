import CatalogStore
import Foundation

/// How old the catalog may get before a start refreshes it: `STOREFRONT_CATALOG_MAX_AGE`, in seconds or with
/// a unit ("90", "30m", "2h", "1d"); one hour when unset.
public struct CatalogFreshnessPolicy: Sendable, Equatable {
    public static let defaultMaxAge: TimeInterval = 60 * 60

    public var maxAge: TimeInterval

    public init(maxAge: TimeInterval = CatalogFreshnessPolicy.defaultMaxAge) {
        self.maxAge = maxAge
    }

    public static func resolve(environment: [String: String]) throws(ConfigurationError) -> CatalogFreshnessPolicy {
        guard let text = environment["STOREFRONT_CATALOG_MAX_AGE"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return CatalogFreshnessPolicy()
        }
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let unit = text.last.flatMap { units[$0] }
        let number = unit == nil ? text : String(text.dropLast())
        guard let value = Double(number), value >= 0, value.isFinite else {
            throw ConfigurationError("STOREFRONT_CATALOG_MAX_AGE is \"\(text)\": use seconds or a number with s, m, h or d (\"30m\", \"2h\").")
        }
        return CatalogFreshnessPolicy(maxAge: value * (unit ?? 1))
    }

    /// What a start does with the cache it finds.
    public func startupAction(for metadata: CatalogMetadata?, source: CatalogSource, now: Date) -> CatalogStartupAction {
        guard let metadata else { return .fill }
        guard metadata.source == source else { return .replace(previous: metadata.source) }
        guard let age = metadata.age(now: now) else { return .fill }
        return age > maxAge ? .refreshInBackground(age: age) : .useCache(age: age)
    }
}

/// What to do with the catalog at start.
public enum CatalogStartupAction: Sendable, Equatable {
    /// Fresh enough: answer from it, refresh nothing.
    case useCache(age: TimeInterval)
    /// Older than the maximum: answer from it at once and refresh in the background.
    case refreshInBackground(age: TimeInterval)
    /// Empty or left incomplete: fill it, page by page, browsing what has arrived.
    case fill
    /// Filled from another API or account: it must not answer for this one. Filling replaces it.
    case replace(previous: CatalogSource)

    public var needsRefresh: Bool {
        if case .useCache = self { return false }
        return true
    }
}
