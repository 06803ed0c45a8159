import ArgumentParser
import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import TeamJournal

/// `storefront team`: one PostgreSQL journal for a whole support desk.
struct TeamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team",
        abstract: "Team mode: every agent's purchases in one PostgreSQL journal (--database-url or STOREFRONT_DATABASE_URL).",
        discussion: """
        Codes, PINs and links are sealed with the team key (STOREFRONT_TEAM_KEY_FILE, 0600) before they reach the database; \
        every agent needs a copy of that file, and without it no one can read them. Exit 75: the database is unreachable. \
        Exit 77: the agent's role (lookup) cannot buy.
        """,
        subcommands: [TeamInitCommand.self, TeamStatusCommand.self, TeamFeedCommand.self, TeamAuditCommand.self, TeamAddAgentCommand.self])
}

struct TeamInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the team key (if STOREFRONT_TEAM_KEY_FILE names no file yet; an existing one is kept) and migrate the team database.")
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let settings = try TeamSettings.required(options)
            guard let keyFile = settings.keyFile else {
                throw CommandFailure.badInput("Set \(TeamSettings.keyFileVariable) to where the team key should be written (for example ~/.config/storefront/team.key).")
            }
            var made = false
            if !FileManager.default.fileExists(atPath: keyFile.path) {
                do {
                    _ = try TeamKey.create(at: keyFile)
                } catch {
                    throw CommandFailure.badInput("The team key cannot be written: \(error).")
                }
                made = true
            }
            let journal = try await settings.open()
            defer { journal.close() }
            let status = try await journal.status()
            Swift.print(made ? "Wrote a new team key to \(keyFile.path) (0600). Give every agent a copy: without it, no one can read the codes."
                             : "Kept the team key at \(keyFile.path).")
            Swift.print("The team database at \(settings.url.place) is ready: PostgreSQL \(status.serverVersion), schema version \(status.schemaVersion).")
        }
    }
}

struct TeamStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The team database's server and schema versions, the agents who bought in the last 24 hours, and the purchases in flight with who started each and the host that holds it.",
        discussion: """
        Purchases an outage of the team database left in this data directory's journal are written there first; the last line \
        says how many still wait. --json prints one object for scripts and monitoring: server_version, schema_version and \
        expected_schema_version (this build's), agents (with last_seen, ISO 8601), in_flight (purchase, stage, agent, ticket, \
        invoice, created, lease_holder and lease_seconds_left, null when no host holds it) and spooled. No code, PIN or link.
        """)
    @OptionGroup var options: GlobalOptions
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        try await reportingErrors {
            let settings = try TeamSettings.required(options)
            let directory = options.dataDirectory()
            try directory.prepare()
            let spool: UserDatabase
            do {
                spool = try UserDatabase.open(at: directory.file(UserDatabase.fileName))
            } catch {
                throw ConfigurationError("\(error)")
            }
            guard let spooled = try await options.spooledTeamJournal(spool: spool) else { return }
            let journal = spooled.team
            defer { journal.close() }
            let status = try await spooled.status()
            if json {
                try printJSON(TeamStatusReport(status, database: settings.url.place, expectedSchemaVersion: TeamSchema.version,
                                               spooled: try spooled.spooledCount()))
                return
            }
            Swift.print("Team database: \(settings.url.place)")
            Swift.print("Server: PostgreSQL \(status.serverVersion)")
            Swift.print("Schema version: \(status.schemaVersion)")
            // Names, ids and lease holders come from any host of the desk: sanitised before they reach the terminal.
            Swift.print(Sanitizer.clean("Agents in the last 24 hours: " + (status.recentAgents.isEmpty ? "none" : status.recentAgents.map(\.name).joined(separator: ", "))))
            Swift.print("Purchases in flight: \(status.inFlight.count)")
            for purchase in status.inFlight {
                Swift.print(Sanitizer.clean("  \(purchase.createdAt.formatted(.iso8601))  \(purchase.stage.padding(toLength: 10, withPad: " ", startingAt: 0))  "
                                            + "\(purchase.invoiceId ?? purchase.purchaseId)  \(purchase.agent)  \(purchase.holding)"))
            }
            Swift.print("Waiting in this data directory's spool: \(try spooled.spooledCount())")
        }
    }
}
