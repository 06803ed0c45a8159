extension TeamSchema {
    /// Change numbers are taken when a purchase is written, but transactions commit in their own order: a change
    /// numbered 10 can commit after one numbered 11 that a feed has already read. Catching up "above the highest number
    /// seen" after a reconnect would then skip it for good. So each change also records its transaction
    /// (`change_xact`, the top-level transaction id, taken in the trigger that numbers it), and a feed catches up from
    /// the database snapshot of its last read instead: every change whose transaction that snapshot did not show as
    /// finished, whatever its number (`PostgresJournal.changes(since:)`). Rows written before this migration take the
    /// migration's own transaction, which every later snapshot shows as finished.
    static let commitOrderMigration = """
        ALTER TABLE purchase ADD COLUMN change_xact xid8 NOT NULL DEFAULT pg_current_xact_id();
        CREATE INDEX purchase_by_change_xact ON purchase (change_xact);
        CREATE OR REPLACE FUNCTION purchase_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.change_xact := pg_current_xact_id();
            NEW.change_seq := nextval('purchase_change_seq');
            PERFORM pg_notify('\(TeamFeed.channel)', json_build_object('id', NEW.id, 'seq', NEW.change_seq)::text);
            RETURN NEW;
        END
        $$;
        """
}
