extension TeamSchema {
    /// The identical-recent rule compares a request's body whoever's ticket it is for (the same card bought for a
    /// ticket and asked for again without one is one customer served twice): each purchase keeps its body's hash,
    /// read through an index like the request's. Without a ticket a request's hash is its body's, so older rows get
    /// theirs; the backfill is not a change a colleague should see in the feed, so the change trigger sits it out.
    ///
    /// A desk buys its popular cards over and over, so one body (and one ticketless request) has thousands of rows:
    /// the recent question reads only the window's rows (`updated_at` in the body's index), and the open question
    /// only the request's rows in the stages it asks for (`stage` in the request's index).
    static let bodyMigration = """
        ALTER TABLE purchase ADD COLUMN body_hash text;
        ALTER TABLE purchase DISABLE TRIGGER purchase_changed;
        UPDATE purchase SET body_hash = request_hash WHERE ticket IS NULL;
        ALTER TABLE purchase ENABLE TRIGGER purchase_changed;
        CREATE INDEX purchase_by_body ON purchase (source, body_hash, updated_at);
        DROP INDEX purchase_by_request;
        CREATE INDEX purchase_by_request ON purchase (source, request_hash, stage)
        """
}
