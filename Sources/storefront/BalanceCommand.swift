import ArgumentParser
import BitrefillAPI
import Foundation
import StorefrontApp
import StorefrontCore

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show the account balance.")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print one JSON document instead of text.") var json = false

    struct Report: Encodable {
        let mode: String
        /// In the currency's smallest unit (sats, cents), as the API gives it.
        let balance: Int64
        let currency: String
        let formatted: String
    }

    func run() async throws {
        try await reportingErrors {
            let (balance, mode) = try await Connection.with(options) { connection in
                (try await connection.client.send(Endpoints.balance()), connection.badge)
            }
            let money = balance.amount
            if json {
                try printJSON(Report(mode: mode == "SANDBOX" ? "sandbox" : "live", balance: money.minorUnits,
                                     currency: Sanitizer.clean(money.currency.code), formatted: money.formatted))
            } else {
                print("\(mode)  Balance: \(Sanitizer.clean(money.formatted))")
            }
        }
    }
}
