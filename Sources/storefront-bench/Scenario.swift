import BitrefillAPI
import CatalogStore
import Foundation
import SandboxServer
import StorefrontApp
import StorefrontDomain

/// One catalog size: a sandbox serving that many products on loopback with rate limits off, and a data
/// directory whose cache is filled from it the way `storefront catalog refresh` fills it.
struct Scenario {
    let productCount: Int
    let sandbox: RunningSandbox
    let directory: DataDirectory
    let settings: ConnectionSettings

    static func start(productCount: Int, under root: URL) async throws -> Scenario {
        var configuration = SandboxConfiguration(productCount: productCount)
        configuration.rateLimits = .off
        let sandbox = try await RunningSandbox.start(configuration: configuration)
        let directory = DataDirectory(url: root.appendingPathComponent("catalog-\(productCount)", isDirectory: true))
        let settings = try ConnectionSettings.resolve(apiURL: sandbox.baseURL, apiKey: configuration.bearerKeys[0], apiID: nil,
                                                      apiSecret: nil, environment: [:])
        return Scenario(productCount: productCount, sandbox: sandbox, directory: directory, settings: settings)
    }

    var apiKey: String { "sandbox-key" }

    func openCatalog() throws -> CatalogService {
        try CatalogService.open(dataDirectory: directory, settings: settings)
    }

    /// A refresh end to end: connect, read every page, write, disconnect.
    func refresh(_ service: CatalogService) async throws -> RefreshSummary {
        let relay = ClientEventRelay()
        let connection = try await Connection.open(settings, onEvent: relay.send)
        let result = await service.refresher(for: connection, events: relay).start().result()
        await connection.close()
        return try result.get()
    }

    func stop() async {
        await sandbox.stop()
    }
}
