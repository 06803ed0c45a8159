import ArgumentParser
import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import TeamJournal

/// What every purchase command needs: the connection, the journal in the data directory, and the engine, which
/// writes to the team's journal instead when `--database-url` names one (the data directory's journal is then its
/// spool through an outage).
struct PurchaseContext {
    let connection: Connection
    let journal: UserDatabase
    let engine: PurchaseEngine
    /// The team's journal, when `--database-url` names one: its role decides who may buy.
    let team: PostgresJournal?
    /// Every code printed or written in full goes through here first (the team's audit; nothing without a team).
    let revealGate: RevealGate

    /// Opens everything, runs `body`, and exits with the code it returns.
    static func run(_ options: GlobalOptions, _ body: (PurchaseContext) async throws -> Int32) async throws {
        var status: Int32 = 0
        try await reportingErrors {
            let directory = options.dataDirectory()
            try directory.prepare()
            let journal: UserDatabase
            do {
                journal = try UserDatabase.open(at: directory.file(UserDatabase.fileName))
            } catch {
                throw ConfigurationError("\(error)")
            }
            let team = try await options.spooledTeamJournal(spool: journal)
            defer { team?.team.close() }
            status = try await Connection.with(options) { connection in
                try await body(PurchaseContext(connection: connection, journal: journal,
                                               engine: connection.purchaseEngine(journal: team ?? journal), team: team?.team,
                                               revealGate: RevealGate(audit: team?.team)))
            }
            await team?.replayAfterCommand()
        }
        if status != 0 { throw ExitCode(status) }
    }
}

extension PurchaseContext {
    /// Stops a purchase command of an agent whose team role cannot buy, before anything is looked up or sent (exit 77).
    func requireBuyer() throws {
        guard let team, !team.role.mayBuy else { return }
        throw CommandFailure(exit: CommandFailure.roleCannotBuy, code: "role_cannot_buy", message: TeamRole.buyingRefused(place: team.place))
    }

    /// Whether the user may only look in the team journal (a lookup role): what they show is not checked again,
    /// since a look writes what it finds.
    var looksUpOnly: Bool { team.map { !$0.role.mayBuy } ?? false }

    /// A product as the API has it now (not the cache, which may be stale), for resolving what to buy.
    func product(_ id: String, esimPlan: Bool = false) async throws -> ProductDetail {
        do {
            let product = try await connection.client.send(esimPlan ? Endpoints.esimPlan(id: id) : Endpoints.product(id: id))
            return product.detail(isESIMPlan: esimPlan, accountCurrency: nil, at: Date())
        } catch let error as APIError where error.kind == .notFound {
            let what = esimPlan ? "eSIM plan" : "product"
            throw CommandFailure.notFound("No \(what) \"\(Sanitizer.clean(id))\". `storefront catalog list --search WORDS` finds ids"
                                          + (esimPlan ? " (--type esim for plans)." : "."), request: error.endpoint)
        }
    }
}

/// Options shared by the commands that print a purchase.
struct PurchaseOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document (NDJSON events for `watch`); messages go to stderr.") var json = false
    @Flag(help: "Show codes, PINs and QR payloads instead of masking them.") var reveal = false
    @Option(help: ArgumentHelp("Seconds to follow the invoice before giving up (it goes on; `invoice watch` resumes).", valueName: "seconds"))
    var timeout: Int = 900
}
