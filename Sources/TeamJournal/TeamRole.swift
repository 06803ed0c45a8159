import Logging
import PostgresNIO

/// What an agent's database role lets them do, as the database itself answers (never guessed from a name): a buyer
/// buys, reads and reveals; a lookup agent reads and reveals (audited) and cannot buy.
public enum TeamRole: String, Sendable, CaseIterable {
    case buyer
    case lookup

    /// The group role an agent of this kind is a member of.
    public var groupRole: String { "storefront_\(rawValue)" }

    public var mayBuy: Bool { self == .buyer }

    /// Asks the database whether this login may write a purchase: a buyer (or the schema's owner) may, anyone else
    /// only looks up.
    static func of(_ connection: PostgresConnection, logger: Logger) async throws -> TeamRole {
        let mayInsert = try await connection.query("SELECT has_table_privilege('purchase', 'INSERT')", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        return mayInsert ? .buyer : .lookup
    }

    /// Why a lookup agent's purchase stops before anything is sent, and what to ask for.
    public static func buyingRefused(place: String) -> String {
        "Your role in the team database at \(place) is lookup: it reads purchases and reveals codes (audited), it cannot buy. "
            + "Nothing was sent. Ask whoever runs the team database for a buyer role (`storefront team add-agent NAME --role buyer`)."
    }
}
