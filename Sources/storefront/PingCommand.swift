import ArgumentParser
import BitrefillAPI
import Foundation
import StorefrontApp
import StorefrontDomain

struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ping", abstract: "Check that the API answers, and how fast.",
                                                    discussion: CommandFailure.help)

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print one JSON document instead of text.") var json = false

    struct Report: Encodable {
        let mode: String
        let api: String
        let message: String
        let latencyMs: Int

        enum CodingKeys: String, CodingKey {
            case mode, api, message
            case latencyMs = "latency_ms"
        }
    }

    func run() async throws {
        try await reportingErrors {
            let report = try await Connection.with(options) { connection in
                let clock = ContinuousClock()
                let start = clock.now
                let pong = try await connection.client.send(Endpoints.ping())
                let elapsed = clock.now - start
                return Report(mode: connection.mode == .sandbox ? "sandbox" : "live",
                              api: connection.client.configuration.baseURL.absoluteString,
                              message: Sanitizer.clean(pong.message),
                              latencyMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
            }
            if json {
                try printJSON(report)
            } else {
                print("\(report.mode == "sandbox" ? "SANDBOX" : "LIVE") \(report.api): \(report.message) in \(report.latencyMs) ms")
            }
        }
    }
}
