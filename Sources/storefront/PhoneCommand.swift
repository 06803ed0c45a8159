import ArgumentParser
import BitrefillAPI
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTUI

/// `storefront phone check`: which operators can refill a number, before buying with `storefront buy`.
struct PhoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: "Check which operators can refill a phone number.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Find the operator(s) of a phone number and what they sell.",
            discussion: """
            Give the number in international form (+4915212345678). With --country, a number typed the national \
            way (015212345678) is completed; 00 is read as +. The number checked is printed.

            Exit codes: 0 one or more operators; 64 not a phone number; 66 no operator we can refill serves it; \
            69 the API or the network failed; 70 internal error (settings or files that cannot be used). With \
            --json, a failure is also printed on stdout as {"error": {"code", "message", "request"}}.
            """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp("The phone number, in E.164 (+4915212345678).", valueName: "+E164")) var number: String
        @Option(help: ArgumentHelp("The country (two letters) of a number typed without its country code.", valueName: "code")) var country: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func validate() throws { _ = try reading() }

        func run() async throws {
            let reading = try reading()
            if let note = reading.note { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
            try await reportingErrors {
                try await Connection.with(options) { connection in
                    let result: PhoneCheckResult
                    do {
                        result = try await connection.client.send(Endpoints.checkPhoneNumber(reading.e164))
                    } catch let error as APIError where ["invalid_phone_number", "unsupported_operator"].contains(error.errorCode) {
                        let code = error.errorCode ?? "unsupported_operator"
                        throw CommandFailure(exit: code == "invalid_phone_number" ? CommandFailure.badInput : CommandFailure.notFound, code: code,
                                             message: PhoneCheckAdvice.message(code: error.errorCode, number: reading.e164, serverMessage: error.message),
                                             request: error.endpoint)
                    }
                    let report = PhoneCheckReport(number: reading.e164, note: reading.note, result: result)
                    if json { try printJSON(report) } else { print(report.lines(width: TerminalOutput.standardOutput.width).joined(separator: "\n")) }
                }
            }
        }

        private func reading() throws -> PhoneNumberReading {
            do {
                return try PhoneNumberInput.read(number, country: country)
            } catch {
                throw ValidationError(error.message)
            }
        }
    }
}
