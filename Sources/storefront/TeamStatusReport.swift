import Foundation
import StorefrontDomain
import TeamJournal

/// `storefront team status --json`: what the text shows, for scripts and monitoring. Every key is always there (null
/// when there is nothing to say: no invoice yet, no ticket, no host holding the lease), so a script need not guess
/// whether a key it misses means "none". Only who, what stage and which ids: an order's code, PIN or link is never
/// read into it. Every string came from some host of the desk, so each is sanitised, as the feed's JSON is.
struct TeamStatusReport: Encodable {
    struct Agent: Encodable {
        var agent: String
        /// ISO 8601, to the second.
        var lastSeen: String

        enum CodingKeys: String, CodingKey {
            case agent, lastSeen = "last_seen"
        }
    }

    struct InFlight: Encodable {
        var purchase: String
        var stage: String
        var agent: String
        var ticket: String?
        var invoice: String?
        var created: String
        var leaseHolder: String?
        /// By the database's clock; null when no host holds the lease now.
        var leaseSecondsLeft: Int?

        enum CodingKeys: String, CodingKey {
            case purchase, stage, agent, ticket, invoice, created
            case leaseHolder = "lease_holder", leaseSecondsLeft = "lease_seconds_left"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(purchase, forKey: .purchase)
            try container.encode(stage, forKey: .stage)
            try container.encode(agent, forKey: .agent)
            try container.encode(ticket, forKey: .ticket)
            try container.encode(invoice, forKey: .invoice)
            try container.encode(created, forKey: .created)
            try container.encode(leaseHolder, forKey: .leaseHolder)
            try container.encode(leaseSecondsLeft, forKey: .leaseSecondsLeft)
        }
    }

    /// Where the database is (host or socket, and database), never a password.
    var database: String
    var serverVersion: String
    var schemaVersion: Int
    /// The version this build migrates to: a host older than the database's schema shows a lower number here.
    var expectedSchemaVersion: Int
    var agents: [Agent]
    var inFlight: [InFlight]
    /// Purchases an outage left in this data directory's journal, not yet written to the team database.
    var spooled: Int

    enum CodingKeys: String, CodingKey {
        case database, agents, spooled
        case serverVersion = "server_version", schemaVersion = "schema_version", expectedSchemaVersion = "expected_schema_version"
        case inFlight = "in_flight"
    }

    init(_ status: TeamStatus, database: String, expectedSchemaVersion: Int, spooled: Int) {
        let clean: (String) -> String = { Sanitizer.clean($0) }
        self.database = clean(database)
        serverVersion = clean(status.serverVersion)
        schemaVersion = status.schemaVersion
        self.expectedSchemaVersion = expectedSchemaVersion
        agents = status.recentAgents.map { Agent(agent: clean($0.name), lastSeen: $0.lastSeen.formatted(.iso8601)) }
        inFlight = status.inFlight.map { purchase in
            InFlight(purchase: clean(purchase.purchaseId), stage: clean(purchase.stage), agent: clean(purchase.agent),
                     ticket: purchase.ticket.map(clean), invoice: purchase.invoiceId.map(clean), created: purchase.createdAt.formatted(.iso8601),
                     leaseHolder: purchase.leaseSecondsLeft == nil ? nil : purchase.leaseHolder.map(clean),
                     leaseSecondsLeft: purchase.leaseSecondsLeft)
        }
        self.spooled = spooled
    }
}
