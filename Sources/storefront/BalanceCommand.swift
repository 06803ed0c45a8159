import ArgumentParser
import BitrefillAPI
import Foundation
import StorefrontApp
import StorefrontDomain

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show the account balance.", discussion: CommandFailure.help)

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print one JSON document instead of text.") var json = false

    /// The balance as every amount in JSON: a decimal string in the unit of the currency named beside it.
    struct Report: Encodable {
        let mode: String
        let balance: String
        let currency: String
    }

    func run() async throws {
        try await reportingErrors {
            let (balance, mode) = try await Connection.with(options) { connection in
                (try await connection.client.send(Endpoints.balance()), connection.badge)
            }
            let money = balance.amount
            if json {
                try printJSON(Report(mode: mode == "SANDBOX" ? "sandbox" : "live", balance: money.decimalString,
                                     currency: Sanitizer.clean(money.currency.code)))
            } else {
                print("\(mode)  Balance: \(Sanitizer.clean(money.formatted))")
            }
        }
    }
}
