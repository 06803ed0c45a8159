import Testing
import TeamJournal

/// `--database-url` in libpq's URL form: what each spelling connects to, and what a mistyped one says.
@Suite struct TeamDatabaseURLTests {
    func parse(_ text: String) throws(TeamDatabaseURLError) -> TeamDatabaseURL {
        try TeamDatabaseURL(parsing: text, defaultUser: "agent")
    }

    @Test func aTCPHostRequiresTLSUnlessTold() throws {
        let url = try parse("postgres://desk:s3cret@db.example.com:6432/storefront")
        #expect(url.user == "desk")
        #expect(url.password == "s3cret")
        #expect(url.endpoint == .tcp(host: "db.example.com", port: 6432))
        #expect(url.database == "storefront")
        #expect(url.tls == .require)
        #expect(url.place == "db.example.com:6432/storefront")
    }

    @Test func bothSchemesDefaultPortAndPercentEncodedPasswords() throws {
        let url = try parse("postgresql://desk:p%40ss%2Fw@10.0.0.5/teamdb?sslmode=verify-full")
        #expect(url.endpoint == .tcp(host: "10.0.0.5", port: 5432))
        #expect(url.password == "p@ss/w")
        #expect(url.tls == .verifyFull)
        #expect(try parse("postgres://desk@[::1]:5433/db?sslmode=disable").endpoint == .tcp(host: "::1", port: 5433))
        #expect(try parse("postgres://desk@localhost/db?sslmode=disable").tls == .disable)
    }

    @Test func aUnixSocketIsNamedByHostAndNeedsNoTLS() throws {
        let url = try parse("postgres:///storefront?host=/run/postgresql")
        #expect(url.endpoint == .socket(directory: "/run/postgresql", port: 5432))
        #expect(url.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(url.user == "agent", "the OS user, as libpq does")
        #expect(url.password == nil)
        #expect(url.tls == .disable)
        #expect(try parse("postgres://desk@%2Frun%2Fpostgresql:5433/db").endpoint == .socket(directory: "/run/postgresql", port: 5433))
        #expect(try parse("postgres://desk@/?host=/tmp").database == "desk", "the database defaults to the user's name")
    }

    @Test func aMistypedURLSaysWhatIsWrongAndWhatToTypeWithoutThePassword() {
        let cases: [(String, String)] = [
            ("mysql://desk:hunter2@db/x", "postgres://"),
            ("postgres://desk:hunter2@db:port/x", "port"),
            ("postgres://desk:hunter2@db:99999/x", "port"),
            ("postgres://desk:hunter2@db/x?sslmode=prefer", "sslmode"),
            ("postgres://desk:hunter2@db/x?sslmode=allow", "require"),
            ("postgres://desk:hunter2@db/x?host=run/pg", "absolute"),
            ("postgres://desk:hunter2@db/x?sslmode=require&host=/run/pg", "unix socket"),
            ("postgres://desk:hunter2@db/x?connect_timeout=3", "connect_timeout"),
            ("postgres://desk:hunter2@/x", "host"),
            ("postgres://desk:hun ter2@db/x", "percent-encode"),
            ("", "postgres://"),
        ]
        for (text, hint) in cases {
            #expect(throws: TeamDatabaseURLError.self, "\(text)") { try parse(text) }
            do {
                _ = try parse(text)
            } catch {
                #expect(error.description.contains(hint), "\(text): \(error.description)")
                #expect(!error.description.contains("hunter2") && !error.description.contains("hun ter2"), "the password is echoed")
            }
        }
    }
}
