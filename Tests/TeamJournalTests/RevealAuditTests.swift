import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// The team's audit of reveals: every code shown, copied or written out in full leaves an event naming the agent,
/// the purchase, the order, the time and how; the event never holds the code, and no one changes or removes it.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct RevealAuditTests {
    let server: PrivatePostgres
    let database: String

    init() throws {
        server = try PrivatePostgres.shared()
        database = try server.makeDatabase()
    }

    func journal(agent: String, user: String? = nil) async throws -> PostgresJournal {
        let url = try TeamDatabaseURL(parsing: "postgres://\(user ?? server.user)@/\(database)?host=\(server.socketDirectory)",
                                      defaultUser: "tester")
        return try await PostgresJournal.connect(url, key: PostgresJournalContractTests.key, agent: agent)
    }

    @Test func aRevealIsRecordedWithAgentPurchaseOrderTimeAndHowButNeverTheCode() async throws {
        let alice = try await journal(agent: "alice@desk1")
        defer { alice.close() }
        let bought = PurchaseJournalContract.everything
        try await alice.recordIntent(bought, requestHash: "h", takingCartLines: [], at: .now)
        let before = Date()
        try await alice.record(Reveal.secrets(of: bought, way: .commandLine))
        try await alice.record([Reveal(purchaseId: bought.id, invoiceId: "inv-full", orderId: "o-1", way: .copy)])

        let events = try await alice.auditEvents()
        #expect(events.map(\.way) == [.commandLine, .copy], "oldest first, one per order with a secret")
        let first = try #require(events.first)
        #expect(first.agent == "alice@desk1")
        #expect(first.databaseRole == server.user, "the login role the database saw, which an agent cannot choose")
        #expect(first.purchaseId == "p-full" && first.invoiceId == "inv-full" && first.orderId == "o-1")
        #expect(abs(first.at.timeIntervalSince(before)) < 600, "the database's clock, near the reveal")

        let raw = try server.psql(database, "SELECT row_to_json(a)::text FROM reveal_audit a")
        #expect(raw.contains("o-1"))
        for secret in ["GIFT-1234-ABCD", "ABCD", "Q7XK2MNEW9", "9876", "SECRET-XTR4"] {
            #expect(!raw.contains(secret), "\(secret) is in the audit")
        }
    }

    @Test func theAuditListsByAgentAndSince() async throws {
        let alice = try await journal(agent: "alice@desk1")
        let bob = try await journal(agent: "bob@desk2")
        defer { alice.close(); bob.close() }
        try await alice.record([Reveal(purchaseId: "p1", invoiceId: "i1", orderId: "o1", way: .screen)])
        try await bob.record([Reveal(purchaseId: "p2", invoiceId: "i2", orderId: "o2", way: .receipt)])
        #expect(try await alice.auditEvents().map(\.agent) == ["alice@desk1", "bob@desk2"])
        #expect(try await alice.auditEvents(agent: "bob@desk2").map(\.orderId) == ["o2"])
        #expect(try await alice.auditEvents(agent: "carol@desk3").isEmpty)
        // Times set by the database, so moved here by the owner to test the filter without waiting.
        _ = try server.psql(database, "ALTER TABLE reveal_audit DISABLE TRIGGER USER")
        _ = try server.psql(database, "UPDATE reveal_audit SET at = at - interval '2 days' WHERE order_id = 'o1'")
        _ = try server.psql(database, "ALTER TABLE reveal_audit ENABLE TRIGGER USER")
        let yesterday = Date().addingTimeInterval(-86_400)
        #expect(try await alice.auditEvents(since: yesterday).map(\.orderId) == ["o2"])
        #expect(try await alice.auditEvents(since: yesterday.addingTimeInterval(-2 * 86_400)).map(\.orderId) == ["o1", "o2"])
    }

    @Test func noOneChangesOrRemovesAnEventNotEvenTheOwner() async throws {
        let alice = try await journal(agent: "alice@desk1")
        defer { alice.close() }
        try await alice.record([Reveal(purchaseId: "p1", invoiceId: "i1", orderId: "o1", way: .screen)])
        for statement in ["UPDATE reveal_audit SET agent = 'someone-else'", "DELETE FROM reveal_audit", "TRUNCATE reveal_audit"] {
            let result = try server.psql(database, as: server.user, statement)
            #expect(result.status != 0, "the owner ran \(statement)")
            #expect(result.stderr.contains("append-only"), "\(result.stderr)")
        }
        #expect(try await alice.auditEvents().map(\.agent) == ["alice@desk1"])
    }
}
