extension TeamSchema {
    /// The team feed's change sequence: every insert or update of a purchase takes the next `change_seq` and, at
    /// commit, notifies `storefront_purchases` with the purchase's id and that number only (never a value of the
    /// purchase: listeners read the row themselves, under the team key). The number orders a purchase's changes; what
    /// a feed that lost its connection reads back is decided by transaction, not by number (`commitOrderMigration`).
    /// Existing rows get numbers as the column is added.
    static let changeMigration = """
        CREATE SEQUENCE purchase_change_seq;
        ALTER TABLE purchase ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('purchase_change_seq');
        ALTER SEQUENCE purchase_change_seq OWNED BY purchase.change_seq;
        CREATE INDEX purchase_by_change ON purchase (change_seq);
        CREATE FUNCTION purchase_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.change_seq := nextval('purchase_change_seq');
            PERFORM pg_notify('\(TeamFeed.channel)', json_build_object('id', NEW.id, 'seq', NEW.change_seq)::text);
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER purchase_changed BEFORE INSERT OR UPDATE ON purchase FOR EACH ROW EXECUTE FUNCTION purchase_changed();
        """
}
