import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// A lookup agent's full-screen storefront, on the test run's private PostgreSQL, when a buyer's host died mid-purchase:
/// its background check does not take the purchase up (it could not finish it) and says it waits for a buyer's
/// storefront. The check's turns are a `Ticker`'s.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamLookupSessionTests {
    @Test func aLookupAgentsStorefrontLeavesAStrandedPurchaseToABuyerAndSaysSo() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let key = try TeamKey.sessionTests()
        func url(_ user: String) throws -> TeamDatabaseURL {
            try TeamDatabaseURL(parsing: "postgres://\(user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "agent")
        }
        let owner = try await PostgresJournal.connect(try url(server.user), key: key, agent: "alice@desk1")
        defer { owner.close() }
        let name = "lookup_" + UUID().uuidString.prefix(8).lowercased()
        _ = try await owner.addAgent(name: name, role: .lookup)
        let lookup = try await PostgresJournal.connect(try url(name), key: key, agent: "carol@desk3")
        defer { lookup.close() }

        let turns = Ticker()
        let store = try await HeadlessStorefront.start(width: 120, height: 40, teamJournal: lookup, abandonedCheckSleep: { await turns.sleep($0) })
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        // The catalog's fill says what it did when it ends: past that, the check's message is the last word on screen.
        try await store.waitForCatalog()
        await turns.nextSleep()
        // Alice's host created an invoice on this API and was killed: no one holds the purchase.
        var stranded = PurchaseJournalSample.bought
        stranded.id = "stranded"
        stranded.source = store.connection.purchaseSource
        stranded.stage = .created
        try await owner.recordIntent(stranded, requestHash: "s", takingCartLines: [], at: .now)

        turns.wake()
        let said = try await store.waitFor("1 invoice no storefront is working on waits for a buyer's storefront")
        #expect(!said.contains("Took up"), "\(said)")
        await turns.nextSleep()
        #expect(try await owner.lease(of: "stranded") == nil, "left free for a buyer's storefront")
        try await store.quit()
    }
}
