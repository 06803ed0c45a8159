extension TeamSchema {
    /// The audit of reveals and the roles the database enforces.
    ///
    /// - `reveal_audit` holds one row per order whose secrets were shown, copied or written out: who (the agent's
    ///   name, and the login role the database saw), which purchase, invoice and order, when (the database's clock)
    ///   and how. Never the secret. A trigger refuses UPDATE, DELETE and TRUNCATE to everyone, the owner included.
    /// - `storefront_grant_roles()` makes the group roles `storefront_buyer` and `storefront_lookup` (NOLOGIN) if they
    ///   are missing and grants them this database: both read everything and may only add audit events (the id,
    ///   time and role are filled in by the database, not by them); buyers also insert and update purchases (and
    ///   the rows of tables made later, through default privileges); nobody but the owner deletes. A schema owner
    ///   without CREATEROLE still migrates: the roles are skipped, and `team add-agent` says what to do.
    static let auditMigration = """
        CREATE TABLE reveal_audit (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT clock_timestamp(),
            db_role text NOT NULL DEFAULT session_user,
            agent text NOT NULL,
            purchase_id text,
            invoice_id text,
            order_id text,
            how text NOT NULL CHECK (how IN ('r', '--reveal', 'receipt', 'copy'))
        );
        CREATE INDEX reveal_audit_by_time ON reveal_audit (at);
        CREATE FUNCTION storefront_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'reveal audit events are append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        CREATE TRIGGER reveal_audit_append_only BEFORE UPDATE OR DELETE ON reveal_audit
            FOR EACH ROW EXECUTE FUNCTION storefront_refuse_audit_change();
        CREATE TRIGGER reveal_audit_never_truncated BEFORE TRUNCATE ON reveal_audit
            FOR EACH STATEMENT EXECUTE FUNCTION storefront_refuse_audit_change();
        CREATE FUNCTION storefront_grant_roles() RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storefront_buyer') THEN
                    CREATE ROLE storefront_buyer NOLOGIN;
                END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storefront_lookup') THEN
                    CREATE ROLE storefront_lookup NOLOGIN;
                END IF;
            EXCEPTION
                WHEN duplicate_object OR unique_violation THEN NULL;
                WHEN insufficient_privilege THEN
                    RAISE NOTICE 'storefront_buyer and storefront_lookup were not made: % lacks CREATEROLE', session_user;
                    RETURN false;
            END;
            EXECUTE format('GRANT CONNECT ON DATABASE %I TO storefront_buyer, storefront_lookup', current_database());
            GRANT USAGE ON SCHEMA public TO storefront_buyer, storefront_lookup;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO storefront_buyer, storefront_lookup;
            GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO storefront_buyer;
            REVOKE INSERT, UPDATE ON storefront_schema, reveal_audit FROM storefront_buyer;
            GRANT INSERT (agent, purchase_id, invoice_id, order_id, how) ON reveal_audit TO storefront_buyer, storefront_lookup;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO storefront_buyer;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO storefront_buyer, storefront_lookup;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE ON TABLES TO storefront_buyer;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO storefront_buyer;
            RETURN true;
        END
        $$;
        SELECT storefront_grant_roles()
        """
}
