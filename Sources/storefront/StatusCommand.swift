import ArgumentParser
import BitrefillAPI
import Foundation
import StorefrontApp
import StorefrontDomain

/// What `storefront` does with no subcommand: connect (starting the embedded sandbox when there are no
/// credentials), prove the API answers, and show the account.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Connect (to the embedded sandbox when no credentials are set) and show the connection and account.",
        discussion: CommandFailure.help
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            try await Connection.with(options) { connection in
                let pong = try await connection.client.send(Endpoints.ping())
                let balance = try await connection.client.send(Endpoints.balance())
                print("\(connection.badge)  \(connection.client.configuration.baseURL.absoluteString)")
                print("  API:      \(Sanitizer.clean(pong.message))")
                print("  Balance:  \(balance.amount.formatted)")
                print("  Data:     \(options.dataDirectory().url.path)")
            }
        }
    }
}
