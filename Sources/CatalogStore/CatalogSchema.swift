import GRDB

/// The catalog's schema and its migrations. Tables are STRICT, so a wrong type is an error rather than a
/// silently converted value; money is INTEGER in the account currency's smallest unit; times are INTEGER
/// milliseconds since 1970 (see `DatabaseTime`).
enum CatalogSchema {
    /// Written into the file header (`PRAGMA application_id`): how a catalog is told apart from another
    /// program's SQLite file before anything is written to it. "SFCA": StoreFront CAtalog.
    static let applicationID: Int32 = 0x5346_4341

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 catalog") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2 listing index") { db in
            try db.execute(sql: version2)
        }
        return migrator
    }

    static let version1 = """
        -- One row: where the catalog came from and how fresh it is.
        CREATE TABLE catalog_source (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            api_url TEXT NOT NULL,
            account TEXT NOT NULL,
            dialect TEXT CHECK (dialect IN ('observed', 'docs', 'mixed')),
            account_currency TEXT,
            last_started INTEGER NOT NULL,
            last_completed INTEGER,
            product_count INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE country (
            code TEXT PRIMARY KEY CHECK (length(code) = 2),
            name TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE product (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('gift_card', 'phone_refill', 'esim', 'bill_payment')),
            type_basis TEXT NOT NULL,
            country_code TEXT REFERENCES country (code),
            currency TEXT,
            recipient_type TEXT,
            image TEXT,
            in_stock INTEGER NOT NULL CHECK (in_stock IN (0, 1)),
            created_time TEXT,
            content_hash INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            gone INTEGER
        ) STRICT;
        -- Listings are by name, among products still listed by the API.
        CREATE INDEX product_live_by_name ON product (name_key) WHERE gone IS NULL;
        CREATE INDEX product_live_by_country ON product (country_code, type) WHERE gone IS NULL;

        CREATE TABLE package (
            product_key INTEGER NOT NULL REFERENCES product (key) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            package_id TEXT NOT NULL,
            value TEXT NOT NULL,
            price INTEGER,
            amount TEXT,
            PRIMARY KEY (product_key, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE value_range (
            product_key INTEGER PRIMARY KEY REFERENCES product (key) ON DELETE CASCADE,
            min TEXT NOT NULL,
            max TEXT NOT NULL,
            step TEXT NOT NULL,
            price_rate_micros INTEGER
        ) STRICT;

        CREATE TABLE product_category (
            product_key INTEGER NOT NULL REFERENCES product (key) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            category TEXT NOT NULL,
            PRIMARY KEY (product_key, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE esim_coverage (
            product_key INTEGER NOT NULL REFERENCES product (key) ON DELETE CASCADE,
            country_code TEXT NOT NULL REFERENCES country (code),
            PRIMARY KEY (product_key, country_code)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX esim_coverage_by_country ON esim_coverage (country_code);

        -- Live products only (gone ones are removed), rowid = product.key. Columns: name, id, categories,
        -- place (country code and name) and facets (filter words, weight 0; see SearchFacet).
        -- remove_diacritics 2 folds accents; prefix indexes keep one- to three-letter prefixes fast.
        CREATE VIRTUAL TABLE product_search USING fts5(
            name, code, categories, place, facets,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '1 2 3'
        );
        """

    /// A listing reads every column it shows from `product_listing`, in name order, without touching the table
    /// (`CatalogDatabase+Listing`): a sixth of the pages of the table, and no lookup per row. It starts with
    /// `name_key`, so it also serves name prefixes, as the index it replaces did. `gone` is a column too, though
    /// always NULL in it: SQLite 3.40 reads the table for a column a query names that the index lacks, even the
    /// one of the index's own WHERE.
    static let version2 = """
        DROP INDEX product_live_by_name;
        CREATE INDEX product_listing ON product (name_key, key, id, name, type, country_code, currency, in_stock, gone)
            WHERE gone IS NULL;
        """
}
