import StorefrontDomain

extension TeamSchema {
    /// Who bought is already a column (`agent`); this adds the customer's ticket. At most one purchase in flight claims
    /// a ticket (`Purchase.claimsTicket`): the unique partial index makes the second of two hosts racing for one
    /// ticket fail its intent write, so it cannot place. The agent index serves `history --mine` and `--agent`.
    static let deskMigration = """
        ALTER TABLE purchase ADD COLUMN ticket text;
        ALTER TABLE purchase ADD COLUMN ticket_claimed boolean NOT NULL DEFAULT false;
        CREATE UNIQUE INDEX purchase_ticket_in_flight ON purchase (ticket)
            WHERE ticket_claimed AND stage IN \(unfinishedStages);
        CREATE INDEX purchase_by_agent ON purchase (agent, created_at);
        """

    /// `('intent', ...)`: the stages of a purchase in flight, from their one definition.
    private static var unfinishedStages: String {
        "(" + PurchaseStage.unfinished.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
    }
}
