import CatalogStore
import Foundation

extension CatalogSource {
    /// The embedded sandbox's catalog: named, not addressed, because its port changes at every start while
    /// its catalog (seeded) does not.
    public static let embeddedSandbox = CatalogSource(apiURL: "embedded-sandbox", account: "sandbox")

    /// The source a connection with these settings reads from, known without connecting.
    public init(settings: ConnectionSettings) {
        switch settings.target {
        case .embeddedSandbox:
            self = .embeddedSandbox
        case .api(let baseURL, let credentials):
            self.init(baseURL: baseURL, credentials: credentials)
        }
    }
}
