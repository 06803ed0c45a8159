import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// Roles the database enforces: `add-agent` makes a login role in `storefront_buyer` or `storefront_lookup`, and
/// what a role may not do it cannot do through storefront or with psql.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamRolesTests {
    let server: PrivatePostgres
    let database: String

    init() throws {
        server = try PrivatePostgres.shared()
        database = try server.makeDatabase()
    }

    func url(_ user: String) throws -> TeamDatabaseURL {
        try TeamDatabaseURL(parsing: "postgres://\(user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
    }

    func journal(as user: String, agent: String) async throws -> PostgresJournal {
        try await PostgresJournal.connect(try url(user), key: PostgresJournalContractTests.key, agent: agent)
    }

    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.prefix(8).lowercased()
    }

    @Test func addAgentMakesALoginRoleInItsGroupAndSaysHowToConnect() async throws {
        let owner = try await journal(as: server.user, agent: "admin@desk")
        defer { owner.close() }
        let name = Self.uniqueName("lookup")
        let agent = try await owner.addAgent(name: name, role: .lookup)
        #expect(agent.user == name)
        let expected = try url(name)
        #expect(agent.database == database && agent.endpoint == expected.endpoint)
        let password = try #require(agent.password)
        #expect(password.count >= 32, "a generated password, long enough not to be guessed")
        let reparsed = try TeamDatabaseURL(parsing: agent.text, defaultUser: "x")
        #expect(reparsed == agent, "the printed URL is the one storefront connects with")
        #expect(try server.psql(database, "SELECT rolcanlogin FROM pg_roles WHERE rolname = '\(name)'") == "t\n")
        #expect(try server.psql(database, "SELECT pg_has_role('\(name)', 'storefront_lookup', 'MEMBER')") == "t\n")
        #expect(try server.psql(database, "SELECT pg_has_role('\(name)', 'storefront_buyer', 'MEMBER')") == "f\n")

        // Stored as PostgreSQL's own SCRAM verifier of that password: the password itself never reached the server.
        let verifier = try server.psql(database, "SELECT rolpassword FROM pg_authid WHERE rolname = '\(name)'")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(verifier.hasPrefix("SCRAM-SHA-256$4096:"))
        #expect(ScramVerifier.matches(verifier, password: password), "the verifier opens with the printed password")

        let twice = await #expect(throws: TeamAgentError.self) { try await owner.addAgent(name: name, role: .buyer) }
        #expect(twice?.description.contains("already") == true, "\(String(describing: twice))")
        await #expect(throws: TeamAgentError.self) { try await owner.addAgent(name: "Robert'); DROP TABLE purchase;--", role: .buyer) }
    }

    /// Our verifier is PostgreSQL's: the same password and salt give the verifier the server made itself.
    @Test func theVerifierIsTheOnePostgreSQLMakes() throws {
        let name = Self.uniqueName("scram")
        _ = try server.psql(database, "SET password_encryption = 'scram-sha-256'; CREATE ROLE \(name) LOGIN PASSWORD 'correct horse'")
        let made = try server.psql(database, "SELECT rolpassword FROM pg_authid WHERE rolname = '\(name)'")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(ScramVerifier.matches(made, password: "correct horse"))
        #expect(!ScramVerifier.matches(made, password: "correct horse "))
        _ = try server.psql(database, "DROP ROLE \(name)")
    }

    @Test func aLookupAgentReadsAndRevealsButCannotBuyOrDeleteEvenWithPsql() async throws {
        let owner = try await journal(as: server.user, agent: "admin@desk")
        defer { owner.close() }
        let bought = PurchaseJournalContract.everything
        try await owner.recordIntent(bought, requestHash: "h", takingCartLines: [], at: .now)
        let name = Self.uniqueName("lookup")
        _ = try await owner.addAgent(name: name, role: .lookup)

        let lookup = try await journal(as: name, agent: "carol@desk3")
        defer { lookup.close() }
        #expect(lookup.role == .lookup)
        #expect(try await lookup.purchase(id: bought.id)?.orders.first?.redemption?.code == "GIFT-1234-ABCD", "reads the codes")
        try await lookup.record(Reveal.secrets(of: bought, way: .commandLine))
        #expect(try await owner.auditEvents().map(\.databaseRole) == [name], "the reveal is audited under the agent's own role")
        await #expect(throws: CheckoutError.self) {
            try await lookup.placing(waiting: {}) { () async throws(CheckoutError) in 1 }
        }
        await #expect(throws: UserDatabaseError.self) {
            try await lookup.recordIntent(PurchaseJournalContract.purchase("sneaky", at: 1), requestHash: "x", takingCartLines: [], at: .now)
        }

        #expect(try server.psql(database, as: name, "SELECT count(*) FROM purchase").stdout == "1\n")
        #expect(try server.psql(database, as: name, "INSERT INTO reveal_audit (agent, order_id, how) VALUES ('carol', 'o-1', 'r')").status == 0)
        for refused in ["INSERT INTO purchase SELECT * FROM purchase",
                        "UPDATE purchase SET stage = 'settled'",
                        "DELETE FROM purchase",
                        "DELETE FROM reveal_audit",
                        "UPDATE reveal_audit SET agent = 'nobody'",
                        "INSERT INTO reveal_audit (agent, how, at) VALUES ('carol', 'r', now() - interval '1 year')",
                        "DELETE FROM storefront_schema",
                        "CREATE TABLE mine (x int)"] {
            let result = try server.psql(database, as: name, refused)
            #expect(result.status != 0, "a lookup agent ran: \(refused)")
            #expect(result.stderr.contains("permission denied"), "\(refused): \(result.stderr)")
        }
        #expect(try server.psql(database, "SELECT count(*) FROM purchase") == "1\n")
    }

    @Test func aBuyerAgentBuysButCannotChangeTheAuditOrDeleteAPurchase() async throws {
        let owner = try await journal(as: server.user, agent: "admin@desk")
        defer { owner.close() }
        let name = Self.uniqueName("buyer")
        _ = try await owner.addAgent(name: name, role: .buyer)
        let buyer = try await journal(as: name, agent: "dave@desk4")
        defer { buyer.close() }
        #expect(buyer.role == .buyer)
        #expect(owner.role == .buyer, "the schema's owner buys")
        let placed = try await buyer.placing(waiting: {}) { () async throws(CheckoutError) -> String in
            do throws(UserDatabaseError) {
                try await buyer.recordIntent(PurchaseJournalContract.purchase("d1", at: 1, stage: .intent), requestHash: "x",
                                             takingCartLines: [], at: .now)
            } catch {
                throw CheckoutError(error.description, journalFailure: .beforeSending)
            }
            return "d1"
        }
        var saved: Purchase = try #require(try await buyer.purchase(id: placed))
        saved.stage = PurchaseStage.settled
        try await buyer.save(saved, at: .now)
        try await buyer.record([Reveal(purchaseId: "d1", invoiceId: nil, orderId: nil, way: .receipt)])
        for refused in ["DELETE FROM purchase", "UPDATE reveal_audit SET agent = 'nobody'", "DELETE FROM reveal_audit",
                        "UPDATE storefront_schema SET version = 0"] {
            let result = try server.psql(database, as: name, refused)
            #expect(result.status != 0 && result.stderr.contains("permission denied"), "a buyer ran \(refused): \(result.stderr)")
        }
    }
}
