import ArgumentParser
import Foundation
import StorefrontDomain
import TeamJournal

/// `storefront team audit`: who saw which codes, when and how.
struct TeamAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Every reveal of a code in team mode, oldest first: time, agent, database role, how (r, --reveal, receipt, copy), invoice, order.",
        discussion: "The events are append-only: no agent's role may change or delete one, and a trigger refuses it even to the owner. They never hold a code.")
    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp("Only reveals since then: \(SinceBound.help).", valueName: "when")) var since: String?
    @Flag(help: "Print one JSON document: an array of events.") var json = false

    func validate() throws {
        if let since, SinceBound.parse(since, now: Date()) == nil { throw ValidationError("--since \(since) is not \(SinceBound.help).") }
    }

    func run() async throws {
        try await reportingErrors {
            let settings = try TeamSettings.required(options)
            let journal = try await settings.open()
            defer { journal.close() }
            // `--agent` is the global option: on this command, as on `history`, whose reveals to list.
            let agent = options.agent
            let events = try await journal.auditEvents(since: since.flatMap { SinceBound.parse($0, now: Date()) }, agent: agent)
            if json {
                try printJSON(events.map(AuditEventJSON.init))
                return
            }
            if events.isEmpty {
                Swift.print("No reveals recorded" + (since.map { " since \($0)" } ?? "") + (agent.map { " by \($0)" } ?? "") + ".")
                return
            }
            for event in events {
                Swift.print([event.at.formatted(.iso8601), event.agent, "(\(event.databaseRole))", event.way.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                             event.invoiceId ?? event.purchaseId ?? "-", event.orderId.map { "order \($0)" } ?? ""].joined(separator: "  "))
            }
        }
    }
}

/// One audit event in `team audit --json`.
struct AuditEventJSON: Encodable {
    var id: Int64
    var at: String
    var agent: String
    var databaseRole: String
    var how: String
    var purchase: String?
    var invoice: String?
    var order: String?

    init(_ event: RevealAuditEvent) {
        id = event.id
        at = event.at.formatted(.iso8601)
        agent = event.agent
        databaseRole = event.databaseRole
        how = event.way.rawValue
        purchase = event.purchaseId
        invoice = event.invoiceId
        order = event.orderId
    }

    enum CodingKeys: String, CodingKey {
        case id, at, agent, databaseRole = "database_role", how, purchase, invoice, order
    }
}
