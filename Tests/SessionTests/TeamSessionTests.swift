import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// The full-screen storefront in team mode: what an agent buys goes to the team's journal, and the history shows
/// the team's purchases; the data directory keeps the cart only.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamSessionTests {
    @Test func aPurchaseInTheStorefrontGoesToTheTeamJournalAndItsHistory() async throws {
        let server = try PrivatePostgres.shared()
        let url = try server.newTeamDatabaseURL()
        let key = try TeamKey.sessionTests()
        let team = try await PostgresJournal.connect(url, key: key, agent: "alice@desk1")
        defer { team.close() }
        let colleague = PurchaseJournalSample.bought
        try await team.recordIntent(colleague, requestHash: "h", takingCartLines: [], at: .now)

        let store = try await HeadlessStorefront.start(teamJournal: team)
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        try await BuyingSessionTests().reviewTestGiftCard(store)
        store.keys(.enter)
        try await store.waitFor("from the balance? y/n")
        store.keys(.character("y"))
        try await store.waitFor("Delivered")
        store.keys(.character("h"))
        let history = try await store.waitFor("History · 2 purchases")
        #expect(history.contains("Colleague'"), "the team's history shows a colleague's purchase")
        try await store.quit()

        let purchases = try await team.purchases(matching: "", limit: 10)
        #expect(purchases.count == 2)
        #expect(purchases.contains { $0.title.hasPrefix("Test Gift Card Code") && $0.orders.first?.redemption?.code != nil })
        #expect(try store.userData.purchases().isEmpty, "the data directory's journal holds nothing in team mode")
    }
}

/// `r`, `Y` and `W` in the full-screen storefront in team mode: each is in the team's audit, under the agent's name,
/// before the code shows, is copied or is written to a receipt.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamRevealSessionTests {
    @Test func revealingCopyingAndWritingAReceiptAreAudited() async throws {
        let server = try PrivatePostgres.shared()
        let url = try server.newTeamDatabaseURL()
        let key = try TeamKey.sessionTests()
        let team = try await PostgresJournal.connect(url, key: key, agent: "alice@desk1")
        defer { team.close() }

        let store = try await HeadlessStorefront.start(teamJournal: team)
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        try await BuyingSessionTests().reviewTestGiftCard(store)
        store.keys(.enter)
        try await store.waitFor("from the balance? y/n")
        store.keys(.character("y"))
        try await store.waitFor("Delivered")
        #expect(try await team.auditEvents().isEmpty, "nothing revealed yet")
        store.keys(.character("r"))
        try await store.waitFor("Revealed for 30 s")
        store.keys(.character("Y"))
        try await store.waitFor("copied to the clipboard")
        store.keys(.character("W"))
        try await store.waitFor("Receipt written")
        try await store.quit()

        let events = try await team.auditEvents()
        #expect(events.map(\.way) == [.screen, .copy, .receipt])
        let purchase = try #require(try await team.purchases(matching: "", limit: 1).first)
        #expect(events.allSatisfy { $0.agent == "alice@desk1" && $0.purchaseId == purchase.id && $0.orderId == purchase.orders.first?.id })
    }
}

/// The history while colleagues buy: their purchases appear and change on screen as the team feed reads them, with
/// no key pressed.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamFeedSessionTests {
    @Test func theHistoryShowsAColleaguesPurchaseAsItChanges() async throws {
        let server = try PrivatePostgres.shared()
        let url = try server.newTeamDatabaseURL()
        let key = try TeamKey.sessionTests()
        let mine = try await PostgresJournal.connect(url, key: key, agent: "alice@desk1")
        let colleague = try await PostgresJournal.connect(url, key: key, agent: "bob@desk2")
        defer { mine.close(); colleague.close() }
        try await colleague.recordIntent(PurchaseJournalSample.bought, requestHash: "h", takingCartLines: [], at: .now)

        let store = try await HeadlessStorefront.start(width: 120, height: 40, teamJournal: mine, teamFeed: TeamFeed(url: url, journal: mine))
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        store.keys(.character("h"))
        try await store.waitFor("History · 1 purchase")

        var second = PurchaseJournalSample.bought
        second.id = "colleague-2"
        second.invoiceId = nil
        second.stage = .intent
        second.lines[0].productName = "Second Card"
        try await colleague.recordIntent(second, requestHash: "h2", takingCartLines: [], at: .now)
        let appeared = try await store.waitFor("History · 2 purchases")
        #expect(appeared.contains("Second Card"), "\(appeared)")
        #expect(appeared.contains("checking"))
        second.stage = .notCreated
        try await colleague.save(second, at: .now)
        try await store.waitFor("not created")
        try await store.quit()
    }
}

/// A purchase another agent made, already in the team journal.
enum PurchaseJournalSample {
    static var bought: Purchase {
        Purchase(id: "colleague-1", createdAt: Date(timeIntervalSince1970: 1_700_000_000), source: "elsewhere#1", kind: .invoice,
                 lines: [PurchaseLine(productId: "colleague-card", productName: "Colleague's Card", faceValue: "25 EUR",
                                      denomination: .value("25"), quantity: 1)],
                 paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-colleague")
    }
}
