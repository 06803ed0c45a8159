import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// What `storefront team status` shows of the team database.
public struct TeamStatus: Sendable, Equatable {
    public struct InFlight: Sendable, Equatable {
        public var purchaseId: String
        public var invoiceId: String?
        public var stage: String
        public var agent: String
        public var createdAt: Date
    }

    public var serverVersion: String
    public var schemaVersion: Int
    /// Who wrote a purchase in the last 24 hours, by name.
    public var recentAgents: [String]
    /// Purchases not finished, oldest first, with who started each.
    public var inFlight: [InFlight]
}

extension PostgresJournal {
    public func status(now: Date = Date()) async throws(UserDatabaseError) -> TeamStatus {
        do {
            let version = try await client.query("SHOW server_version", logger: Self.logger).collect().first?.decode(String.self) ?? "?"
            let schema = try await TeamSchema.currentVersion(client, logger: Self.logger)
            var inFlight: [TeamStatus.InFlight] = []
            let stages = PurchaseStage.unfinished.map(\.rawValue)
            let rows = try await client.query("""
                SELECT id, invoice_id, stage, agent, created_at FROM purchase WHERE stage = ANY(\(stages)) ORDER BY created_at
                """, logger: Self.logger)
            for try await (id, invoice, stage, agent, created) in rows.decode((String, String?, String, String, Double).self) {
                inFlight.append(TeamStatus.InFlight(purchaseId: id, invoiceId: invoice, stage: stage, agent: agent,
                                                    createdAt: Date(timeIntervalSince1970: created)))
            }
            var agents: [String] = []
            let since = now.addingTimeInterval(-86_400).timeIntervalSince1970
            for try await agent in try await client.query("""
                SELECT DISTINCT agent FROM purchase WHERE updated_at >= \(since) ORDER BY agent
                """, logger: Self.logger).decode(String.self) {
                agents.append(agent)
            }
            return TeamStatus(serverVersion: version, schemaVersion: schema, recentAgents: agents, inFlight: inFlight)
        } catch {
            throw failure(error)
        }
    }
}
