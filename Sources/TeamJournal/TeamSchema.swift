import Logging
import PostgresNIO

/// The team database's schema, migrated on first use inside one transaction that holds an advisory lock: hosts
/// starting together wait for the first, then find nothing left to do. A database already at this version is not
/// touched at all, so an agent's role, which may create nothing, connects to it.
public enum TeamSchema {
    /// Each step once, in order; the schema's version is how many have run.
    static let migrations: [String] = [
        """
        CREATE TABLE purchase (
            id text PRIMARY KEY,
            created_at double precision NOT NULL,
            updated_at double precision NOT NULL,
            source text NOT NULL,
            kind text NOT NULL,
            lines_json text NOT NULL,
            request_hash text NOT NULL,
            payment_method text NOT NULL,
            auto_pay boolean NOT NULL,
            refund_address text,
            email text,
            stage text NOT NULL,
            invoice_id text,
            invoice_status text,
            payment_status text,
            payment_json text,
            expires_at double precision,
            pay_requested_at double precision,
            orders_sealed text NOT NULL,
            timeline_json text NOT NULL,
            problem text,
            refusal_code text,
            orders_final_at double precision,
            idempotency_key text UNIQUE,
            buyer_key text,
            search_text text NOT NULL,
            agent text NOT NULL
        );
        CREATE INDEX purchase_by_stage ON purchase (stage, created_at);
        CREATE UNIQUE INDEX purchase_by_invoice ON purchase (source, invoice_id);
        """,
        changeMigration,
        auditMigration,
        deskMigration,
        leaseMigration,
        budgetAndCatalogMigration,
        requestMigration,
        commitOrderMigration,
        bodyMigration,
    ]

    /// The version this build migrates to: what `team status` reports once it ran.
    public static var version: Int { migrations.count }

    /// What `save` replaces: everything but the id, the request hash and who bought it.
    static let savedColumns = [
        "created_at", "updated_at", "source", "kind", "lines_json", "payment_method", "auto_pay", "refund_address", "email", "stage",
        "invoice_id", "invoice_status", "payment_status", "payment_json", "expires_at", "pay_requested_at", "orders_sealed",
        "timeline_json", "problem", "refusal_code", "orders_final_at", "idempotency_key", "buyer_key", "search_text",
    ]

    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        guard try await currentVersion(connection, logger: logger) < migrations.count else { return }
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresJournal.migrationLock))", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS storefront_schema (version integer NOT NULL)", logger: logger)
            let current = try await connection.query("SELECT max(version) FROM storefront_schema", logger: logger)
                .collect().first?.decode(Int?.self) ?? nil
            let done = current ?? 0
            guard done < migrations.count else { return }
            for step in migrations[done...] {
                // One statement per query: the extended protocol takes one at a time.
                for statement in SQLStatements.split(step) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            try await connection.query("DELETE FROM storefront_schema", logger: logger)
            try await connection.query("INSERT INTO storefront_schema (version) VALUES (\(migrations.count))", logger: logger)
        }
    }

    /// The schema version the database is at (0: never migrated).
    static func currentVersion(_ client: PostgresClient, logger: Logger) async throws -> Int {
        try await client.withConnection { try await currentVersion($0, logger: logger) }
    }

    static func currentVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let exists = try await connection.query("SELECT to_regclass('storefront_schema') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return 0 }
        return try await connection.query("SELECT coalesce(max(version), 0) FROM storefront_schema", logger: logger)
            .collect().first?.decode(Int.self) ?? 0
    }

    /// A database error as words: the server's message and its SQLSTATE (never the values bound to the query,
    /// which postgres-nio's own description keeps out too), or what the connection reported.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                if info[.sqlState] == "23505" {
                    let what = info[.constraintName].map {
                        $0.contains("idempotency") ? "that idempotency key"
                            : $0.contains("ticket") ? "that ticket in flight (another agent's purchase for it is unfinished)" : "that invoice"
                    } ?? "that purchase"
                    return "the team journal already holds a purchase with \(what)\(state)"
                }
                return message + state
            }
            return "the connection failed (\(error.code))" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }
}
