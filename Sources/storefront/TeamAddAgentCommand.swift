import ArgumentParser
import Foundation
import TeamJournal

/// `storefront team add-agent`: a database login for one agent, in the group that says what they may do.
struct TeamAddAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-agent",
        abstract: "Make a PostgreSQL login role for an agent, in storefront_buyer or storefront_lookup, and print the URL they connect with.",
        discussion: """
        buyer: buys, reads the team's purchases and reveals codes. lookup: reads and reveals (every reveal audited), \
        cannot buy or delete anything, even with psql. The password is generated and shown once, in the URL; it is \
        never logged, and the server is sent only its SCRAM verifier. Run it with the team database's owner (CREATEROLE).
        """)
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The agent's role name: lower-case letters, digits and _ (for example alice).") var name: String
    @Option(help: "buyer or lookup.") var role: TeamRole

    func run() async throws {
        try await reportingErrors {
            let settings = try TeamSettings.required(options)
            let journal = try await settings.open()
            defer { journal.close() }
            let agent: TeamDatabaseURL
            do throws(TeamAgentError) {
                agent = try await journal.addAgent(name: name, role: role)
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            let what = role == .buyer ? "buys, reads and reveals" : "reads and reveals (audited), cannot buy"
            Swift.print("Added \(name) to \(role.groupRole) (\(what)) in the team database at \(settings.url.place).")
            Swift.print("Their connection URL, shown this once (it holds the password; give it to \(name) privately, as STOREFRONT_DATABASE_URL):")
            Swift.print(agent.text)
        }
    }
}

extension TeamRole: ExpressibleByArgument {}
