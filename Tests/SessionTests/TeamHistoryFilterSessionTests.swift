import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// The desk's history at 80x24, read from the test run's private PostgreSQL: `m` lists the agent's own purchases, `a`
/// the selected purchase's agent's, and each key again lists everyone's; the title says whose.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamHistoryFilterSessionTests {
    @Test func mListsMyPurchasesAndAListsTheSelectedPurchasesAgents() async throws {
        let server = try PrivatePostgres.shared()
        let url = try server.newTeamDatabaseURL()
        let key = try TeamKey.sessionTests()
        let team = try await PostgresJournal.connect(url, key: key, agent: "desk")
        defer { team.close() }
        var bobs = PurchaseJournalSample.bought
        bobs.agent = "bob@desk2"
        try await team.recordIntent(bobs, requestHash: "b", takingCartLines: [], at: .now)

        let store = try await HeadlessStorefront.start(teamJournal: team)
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        var mine = PurchaseJournalSample.bought
        mine.id = "mine-1"
        mine.invoiceId = "inv-mine"
        mine.createdAt = bobs.createdAt.addingTimeInterval(60)
        mine.lines[0].productName = "My Own Card"
        mine.agent = store.connection.agent
        try await team.recordIntent(mine, requestHash: "m", takingCartLines: [], at: .now)

        store.keys(.character("h"))
        try await store.waitFor("History · 2 purchases · everyone's")
        store.keys(.character("m"))
        let own = try await store.waitFor("History · 1 purchase · mine")
        #expect(own.contains("My Own Card") && !own.contains("Colleague's Card"), "\(own)")
        store.keys(.character("m"))
        try await store.waitFor("History · 2 purchases · everyone's")
        store.keys(.down, .character("a"))
        let bobsOnly = try await store.waitFor("History · 1 purchase · bob@desk2's")
        #expect(bobsOnly.contains("Colleague's Card") && !bobsOnly.contains("My Own Card"), "\(bobsOnly)")
        try await store.quit()
    }
}
