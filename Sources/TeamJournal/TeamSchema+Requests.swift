extension TeamSchema {
    /// Every placement asks whether the same request is open or was bought moments ago, team-wide: the request's own
    /// rows answer it, not every purchase the desk ever made (without it each placement slowed as the desk worked).
    static let requestMigration = """
        CREATE INDEX purchase_by_request ON purchase (source, request_hash)
        """
}
