import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontApp
import Testing

@Suite struct EmbeddedConnectionTests {
    @Test func noCredentialsStartsTheEmbeddedSandboxAndReachesIt() async throws {
        let settings = try ConnectionSettings.resolve(apiURL: nil, apiKey: nil, apiID: nil, apiSecret: nil, environment: [:])
        #expect(settings.target == .embeddedSandbox)
        let connection = try await Connection.open(settings)
        let pong = try await connection.client.send(Endpoints.ping())
        let balance = try await connection.client.send(Endpoints.balance())
        await connection.close()
        #expect(connection.badge == "SANDBOX")
        #expect(pong.message == "pong")
        #expect(balance.amount.minorUnits > 0)
    }

    @Test func credentialsFromTheEnvironmentSelectTheLiveAPI() throws {
        let bearer = try ConnectionSettings.resolve(apiURL: nil, apiKey: nil, apiID: nil, apiSecret: nil,
                                                    environment: ["BITREFILL_API_KEY": "k"])
        #expect(bearer.target == .api(baseURL: URL(string: "https://api.bitrefill.com/v2")!, credentials: .bearer(apiKey: "k")))
        let basic = try ConnectionSettings.resolve(apiURL: "http://127.0.0.1:9/v2", apiKey: nil, apiID: nil, apiSecret: nil,
                                                   environment: ["BITREFILL_API_ID": "i", "BITREFILL_API_SECRET": "s"])
        #expect(basic.target == .api(baseURL: URL(string: "http://127.0.0.1:9/v2")!, credentials: .basic(id: "i", secret: "s")))
        let optionWins = try ConnectionSettings.resolve(apiURL: nil, apiKey: "option", apiID: nil, apiSecret: nil,
                                                        environment: ["BITREFILL_API_KEY": "env"])
        #expect(optionWins.target == .api(baseURL: URL(string: "https://api.bitrefill.com/v2")!, credentials: .bearer(apiKey: "option")))
    }

    @Test func halfACredentialPairOrAURLWithoutCredentialsIsRefusedWithAdvice() {
        #expect(throws: ConfigurationError.self) {
            try ConnectionSettings.resolve(apiURL: nil, apiKey: nil, apiID: "i", apiSecret: nil, environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ConnectionSettings.resolve(apiURL: "https://api.bitrefill.com/v2", apiKey: nil, apiID: nil, apiSecret: nil, environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            try ConnectionSettings.resolve(apiURL: "ftp://x", apiKey: "k", apiID: nil, apiSecret: nil, environment: [:])
        }
    }
}
