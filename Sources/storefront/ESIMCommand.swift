import ArgumentParser
import BitrefillAPI
import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain

/// `storefront esim`: the eSIMs of the account, one eSIM's bundles, and manual top-ups by ICCID.
struct ESIMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esim",
        abstract: "Show the account's eSIMs and top one up by its ICCID.",
        discussion: """
        An ICCID has 19 or 20 digits, the last a check digit; spaces and dashes are ignored. A mistyped one is \
        refused before any request (exit 64).

        Exit codes: 0 success; 64 bad input (a wrong ICCID, plan or bundle); 66 no such eSIM on this account; \
        69 the API or the network failed; 70 internal error (the journal cannot be used). `topup` adds the \
        purchase codes: 10 partly failed; 11 failed (refunded) or refused; 12 expired; 13 still pending at \
        --timeout; 14 unknown whether the invoice was created; 65 refused by the server as asked (nothing \
        bought); 74 the journal could not be written after the server acted.
        """,
        subcommands: [Show.self, List.self, TopUp.self]
    )


    static func iccid(_ text: String) throws -> String {
        if let problem = ICCID.problem(text) { throw ValidationError(problem) }
        return ICCID.normalize(text) ?? text
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one eSIM: installed or not, its plan, and every bundle with data used and left.",
                                                        discussion: CommandFailure.help)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The eSIM's ICCID (19 or 20 digits).") var iccid: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func validate() throws { _ = try ESIMCommand.iccid(iccid) }

        func run() async throws {
            let iccid = try ESIMCommand.iccid(self.iccid)
            try await ESIMCommand.running(options) { connection in
                let esim = try await ESIMCommand.read(iccid, client: connection.client)
                let names = await ESIMCommand.planNames(of: [esim], client: connection.client)
                let report = ESIMReport(esim, planName: esim.planId.flatMap { names[$0] })
                if json { try printJSON(report) } else { print(report.lines(width: TerminalOutput.standardOutput.width).joined(separator: "\n")) }
                return 0
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the eSIMs bought with this account, oldest first.",
                                                        discussion: CommandFailure.help)
        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("Only eSIMs whose ICCID ends with these digits.", valueName: "digits")) var search: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let suffix = search.map { $0.filter { !" -".contains($0) } } ?? ""
            try await ESIMCommand.running(options) { connection in
                let all = try await connection.client.pages(Endpoints.esims()).collectItems().map(ESIMDetails.init)
                let esims = all.filter { suffix.isEmpty || $0.iccid.hasSuffix(suffix) }
                let names = await ESIMCommand.planNames(of: esims, client: connection.client)
                if json {
                    try printJSON(esims.map { ESIMReport($0, planName: $0.planId.flatMap { names[$0] }) })
                } else if esims.isEmpty {
                    print(all.isEmpty ? "No eSIM has been bought with this account." : "No eSIM of this account ends in \(suffix).")
                } else {
                    print(ESIMReport.list(esims, planNames: names, width: TerminalOutput.standardOutput.width).joined(separator: "\n"))
                }
                return 0
            }
        }
    }

    /// Opens the connection, runs `body`, and exits with the status it returns (API errors exit 69).
    static func running(_ options: GlobalOptions, _ body: (Connection) async throws -> Int32) async throws {
        var status: Int32 = 0
        try await reportingErrors {
            status = try await Connection.with(options, body)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The eSIM; an ICCID the account does not have is "not found" (66): unlike 69, trying again will not help.
    static func read(_ iccid: String, client: BitrefillClient) async throws -> ESIMDetails {
        do {
            return ESIMDetails(try await client.send(Endpoints.esim(iccid: iccid)))
        } catch let error as APIError where error.kind == .notFound {
            throw CommandFailure.notFound("No eSIM \(iccid) on this account. Check the ICCID with the customer (the phone's eSIM settings show it); `storefront esim list` shows the account's eSIMs.",
                                          request: error.endpoint)
        }
    }

    /// The names of the eSIMs' plans, one request per plan; a plan that cannot be read shows by its id.
    static func planNames(of esims: [ESIMDetails], client: BitrefillClient) async -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(esims.compactMap(\.planId)) {
            if let plan = try? await client.send(Endpoints.esimPlan(id: id)) { names[id] = Sanitizer.clean(plan.name) }
        }
        return names
    }
}
