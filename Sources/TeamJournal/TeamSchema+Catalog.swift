extension TeamSchema {
    /// Item 7 of the team mode, in one step of the schema: the shared rate budget, then the shared catalog.
    static let budgetAndCatalogMigration = budgetMigration + ";\n" + catalogMigration

    /// The desk's catalog: the latest complete catalog of each source (API URL and account) as the pages of one SQLite
    /// file (`catalog_page`, 1 MiB each), and the lease row of the one host refreshing it from the API
    /// (`catalog_lease`, 15 s, renewed every 5 s while the walk runs, so a crashed holder is replaced within 15 s).
    ///
    /// `storefront_catalog_lease(holder, asked_at)` takes or renews the lease in one statement, pure in `asked_at`
    /// like the budget: true when `holder` has it until `asked_at + 15`.
    static let catalogMigration = """
        CREATE TABLE catalog_copy (
            source text PRIMARY KEY,
            completed_at double precision NOT NULL,
            product_count integer NOT NULL,
            page_count integer NOT NULL,
            made_by text NOT NULL
        );
        CREATE TABLE catalog_page (
            source text NOT NULL REFERENCES catalog_copy (source) ON DELETE CASCADE,
            number integer NOT NULL,
            bytes bytea NOT NULL,
            PRIMARY KEY (source, number)
        );
        CREATE TABLE catalog_lease (
            name text PRIMARY KEY,
            holder text NOT NULL,
            expires_at double precision NOT NULL
        );
        CREATE FUNCTION storefront_catalog_lease(wanted_by text, asked_at double precision)
        RETURNS boolean LANGUAGE sql AS $$
            INSERT INTO catalog_lease (name, holder, expires_at) VALUES ('catalog', wanted_by, asked_at + 15)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE catalog_lease.holder = excluded.holder OR catalog_lease.expires_at <= asked_at
            RETURNING true
        $$
        """
}
