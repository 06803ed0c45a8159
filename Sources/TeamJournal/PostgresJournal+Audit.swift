import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

/// One event of the team's reveal audit, as `storefront team audit` lists it.
public struct RevealAuditEvent: Sendable, Equatable {
    public var id: Int64
    /// The database's clock when the event was written (before the secret was shown).
    public var at: Date
    /// The agent's name (`--agent`, `STOREFRONT_AGENT`, an SSH key's comment).
    public var agent: String
    /// The login role the database saw, which the agent cannot choose.
    public var databaseRole: String
    public var purchaseId: String?
    public var invoiceId: String?
    public var orderId: String?
    public var way: Reveal.Way
}

extension PostgresJournal: RevealAudit {
    /// Writes one event per reveal, all or none, before the caller shows anything.
    public func record(_ reveals: [Reveal]) async throws(UserDatabaseError) {
        guard !reveals.isEmpty else { return }
        do {
            try await client.withTransaction(logger: Self.logger) { [agent] connection in
                for reveal in reveals {
                    try await connection.query("""
                        INSERT INTO reveal_audit (agent, purchase_id, invoice_id, order_id, how)
                        VALUES (\(agent), \(reveal.purchaseId), \(reveal.invoiceId), \(reveal.orderId), \(reveal.way.rawValue))
                        """, logger: Self.logger)
                }
            }
        } catch {
            throw failure(error)
        }
    }

    /// The audit, oldest first: every event, or those since `since` and of `agent`.
    public func auditEvents(since: Date? = nil, agent: String? = nil) async throws(UserDatabaseError) -> [RevealAuditEvent] {
        do {
            let sinceSeconds = since?.timeIntervalSince1970
            let rows = try await client.query("""
                SELECT id, extract(epoch FROM at)::double precision, agent, db_role, purchase_id, invoice_id, order_id, how
                FROM reveal_audit
                WHERE (\(sinceSeconds)::double precision IS NULL OR at >= to_timestamp(\(sinceSeconds)::double precision))
                  AND (\(agent)::text IS NULL OR agent = \(agent)::text)
                ORDER BY at, id
                """, logger: Self.logger)
            var events: [RevealAuditEvent] = []
            for try await (id, at, agent, role, purchase, invoice, order, how)
                in rows.decode((Int64, Double, String, String, String?, String?, String?, String).self) {
                guard let way = Reveal.Way(rawValue: how) else { throw JournalFault("an audit event says it was revealed by \"\(how)\"") }
                events.append(RevealAuditEvent(id: id, at: Date(timeIntervalSince1970: at), agent: agent, databaseRole: role,
                                               purchaseId: purchase, invoiceId: invoice, orderId: order, way: way))
            }
            return events
        } catch {
            throw failure(error)
        }
    }
}
