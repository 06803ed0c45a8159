extension TeamSchema {
    /// Who works each purchase (`lease_holder`), until when by the database's clock (`lease_until`, Unix seconds of
    /// `clock_timestamp()`), and the epoch each take raises, which every write of the purchase engine is fenced by.
    static let leaseMigration = """
        ALTER TABLE purchase ADD COLUMN lease_holder text;
        ALTER TABLE purchase ADD COLUMN lease_until double precision;
        ALTER TABLE purchase ADD COLUMN lease_epoch bigint NOT NULL DEFAULT 0
        """
}
