import StorefrontTestSupport
import TeamJournal

/// What every team-mode session test starts from: a database of its own on the run's private PostgreSQL, and one
/// team key (the sessions under test open the codes with it).
extension PrivatePostgres {
    func newTeamDatabaseURL() throws -> TeamDatabaseURL {
        try TeamDatabaseURL(parsing: "postgres://\(user)@/\(try makeDatabase())?host=\(socketDirectory)", defaultUser: "agent")
    }
}

extension TeamKey {
    static func sessionTests() throws -> TeamKey { try TeamKey(bytes: [UInt8](repeating: 3, count: TeamKey.byteCount)) }
}
