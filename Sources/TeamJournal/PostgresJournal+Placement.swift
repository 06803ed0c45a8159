import Checkout
import Foundation
import PostgresNIO
import StorefrontDomain

extension PostgresJournal {
    /// Every question of the placement in one statement, one round trip inside the desk's placement turn: each
    /// question a branch of a `UNION ALL` tagged with its name, each branch the very query the one-by-one lookup runs
    /// (and so the same index), the answers then settled as asking one by one would have left them.
    public func placementCandidates(_ questions: PlacementQuestions, now: Date) async throws(UserDatabaseError) -> Placement.Candidates {
        let asked = questions.questions(now: now)
        guard !asked.isEmpty else { return Placement.Candidates() }
        let (sql, values) = Self.candidatesQuery(asked, source: questions.source)
        return try await run { [self] in
            var keyed: (purchase: Purchase, requestHash: String)?
            var unfinished: Purchase?, recent: Purchase?
            var ticketInFlight: [Purchase] = []
            let rows = try await query(PostgresQuery(unsafeSQL: sql, binds: try Self.binds(values)), logger: Self.logger)
            for try await (question, json, sealed, requestHash) in rows.decode((String, String, String, String).self) {
                let found = try purchase(json: json, sealed: sealed)
                switch question {
                case "key": keyed = (found, requestHash)
                case "unfinished": unfinished = found
                case "ticket": ticketInFlight.append(found)
                default: recent = found
                }
            }
            // A UNION ALL promises no order across its branches, nor within one: the ticket's newest first, as asked.
            ticketInFlight.sort { $0.createdAt > $1.createdAt }
            return PlacementQuestions.candidates(keyed: keyed, unfinished: unfinished, ticketInFlight: ticketInFlight, recent: recent)
        }
    }

    /// The statement and its values for `questions`; its rows are (question, purchase JSON, sealed orders, request hash).
    static func candidatesQuery(_ questions: [PlacementQuestions.Question],
                                source: String) -> (String, [any PostgresThrowingDynamicTypeEncodable]) {
        var values: [any PostgresThrowingDynamicTypeEncodable] = []
        func bind(_ value: any PostgresThrowingDynamicTypeEncodable) -> String {
            values.append(value)
            return "$\(values.count)"
        }
        let row = "((to_jsonb(p) - 'orders_sealed') || '{\"orders_json\": \"\"}')::text, p.orders_sealed, p.request_hash FROM purchase p"
        let branches = questions.map { question -> String in
            switch question {
            case .key(let key):
                return "SELECT 'key', \(row) WHERE idempotency_key = \(bind(key))"
            case .unfinished(let hash, let stages):
                return """
                    SELECT 'unfinished', \(row) WHERE source = \(bind(source)) AND request_hash = \(bind(hash))
                    AND stage = ANY(\(bind(stages.map(\.rawValue)))) ORDER BY created_at DESC LIMIT 1
                    """
            case .ticket(let ticket):
                return """
                    SELECT 'ticket', \(row) WHERE ticket = \(bind(ticket)) AND stage = ANY(\(bind(PurchaseStage.unfinished.map(\.rawValue))))
                    ORDER BY created_at DESC LIMIT \(PlacementQuestions.ticketLimit)
                    """
            case .recent(let body, let ticket, let since):
                let ticketValue = bind(ticket ?? "")
                return """
                    SELECT 'recent', \(row) WHERE source = \(bind(source)) AND body_hash = \(bind(body))
                    AND stage = ANY(\(bind(PurchaseStage.bought.map(\.rawValue)))) AND updated_at >= \(bind(since.timeIntervalSince1970))
                    AND (\(ticketValue) = '' OR ticket IS NULL OR ticket = \(ticketValue)) ORDER BY updated_at DESC LIMIT 1
                    """
            }
        }
        return (branches.map { "(\($0))" }.joined(separator: "\nUNION ALL\n"), values)
    }
}
