import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// What `storefront team status` shows of the team database.
public struct TeamStatus: Sendable, Equatable {
    /// Someone who wrote a purchase lately, and when they last did (by the writing host's clock, as each purchase's
    /// `updated_at` is).
    public struct Agent: Sendable, Equatable {
        public var name: String
        public var lastSeen: Date
    }

    public struct InFlight: Sendable, Equatable {
        public var purchaseId: String
        public var invoiceId: String?
        public var stage: String
        public var agent: String
        /// The customer's ticket the purchase was made for, if one was given.
        public var ticket: String?
        public var createdAt: Date
        /// Who holds (or last held) the purchase's lease; nil when it was released or never taken.
        public var leaseHolder: String?
        /// Whole seconds until the lease runs out, by the database's clock; nil when no host holds it now.
        public var leaseSecondsLeft: Int?

        /// Where the purchase stands between hosts, in words a support person acts on: a host is working it, or none
        /// is and `storefront resume` (or any running storefront, within 15 s) finishes it.
        public var holding: String {
            if let holder = leaseHolder, let left = leaseSecondsLeft {
                return "held by \(holder), lease \(left) s left"
            }
            let lapsed = leaseHolder.map { " (the lease of \($0) ran out)" } ?? ""
            return "no host holds it\(lapsed): `storefront resume` takes it up"
        }
    }

    public var serverVersion: String
    public var schemaVersion: Int
    /// Who wrote a purchase in the last 24 hours, by name.
    public var recentAgents: [Agent]
    /// Purchases not finished, oldest first, with who started each and which host holds it.
    public var inFlight: [InFlight]
}

extension PostgresJournal {
    public func status(now: Date = Date()) async throws(UserDatabaseError) -> TeamStatus {
        do {
            let version = try await client.query("SHOW server_version", logger: Self.logger).collect().first?.decode(String.self) ?? "?"
            let schema = try await TeamSchema.currentVersion(client, logger: Self.logger)
            var inFlight: [TeamStatus.InFlight] = []
            let stages = PurchaseStage.unfinished.map(\.rawValue)
            // The seconds left are counted by the database, whose clock times every lease, not by this host's.
            let rows = try await client.query("""
                SELECT id, invoice_id, stage, agent, ticket, created_at, lease_holder,
                       CASE WHEN lease_until > \(unescaped: Self.clock) THEN ceil(lease_until - \(unescaped: Self.clock))::int8 END
                FROM purchase WHERE stage = ANY(\(stages)) ORDER BY created_at
                """, logger: Self.logger)
            for try await (id, invoice, stage, agent, ticket, created, holder, left)
                in rows.decode((String, String?, String, String, String?, Double, String?, Int64?).self) {
                inFlight.append(TeamStatus.InFlight(purchaseId: id, invoiceId: invoice, stage: stage, agent: agent, ticket: ticket,
                                                    createdAt: Date(timeIntervalSince1970: created), leaseHolder: holder,
                                                    leaseSecondsLeft: left.map(Int.init)))
            }
            var agents: [TeamStatus.Agent] = []
            let since = now.addingTimeInterval(-86_400).timeIntervalSince1970
            for try await (agent, seen) in try await client.query("""
                SELECT agent, max(updated_at) FROM purchase WHERE updated_at >= \(since) GROUP BY agent ORDER BY agent
                """, logger: Self.logger).decode((String, Double).self) {
                agents.append(TeamStatus.Agent(name: agent, lastSeen: Date(timeIntervalSince1970: seen)))
            }
            return TeamStatus(serverVersion: version, schemaVersion: schema, recentAgents: agents, inFlight: inFlight)
        } catch {
            throw failure(error)
        }
    }
}
