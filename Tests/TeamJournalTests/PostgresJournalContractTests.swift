import Checkout
import Foundation
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// The team journal (`PostgresJournal`) holds to the journal contract, on the test run's private PostgreSQL: each
/// test has a database of its own; each handle is a client of its own, as another agent's host would have.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct PostgresJournalContractTests {
    let contract: PurchaseJournalContract
    let database: String
    let server: PrivatePostgres

    static let key = try! TeamKey(bytes: [UInt8](repeating: 7, count: 32))

    static func journal(on server: PrivatePostgres, database: String) async throws -> PostgresJournal {
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)", defaultUser: "tester")
        return try await PostgresJournal.connect(url, key: key, agent: "tester@desk")
    }

    init() throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        self.server = server
        self.database = database
        contract = PurchaseJournalContract { try await Self.journal(on: server, database: database) }
    }

    @Test func intentThenSaveRoundTripsAPurchaseExactly() async throws { try await contract.intentThenSaveRoundTripsAPurchaseExactly() }
    @Test func savingAPurchaseNeverWrittenIsRefused() async throws { try await contract.savingAPurchaseNeverWrittenIsRefused() }
    @Test func lookupsByInvoiceAndKeyFindTheirPurchase() async throws { try await contract.lookupsByInvoiceAndKeyFindTheirPurchase() }
    @Test func anIdempotencyKeyNamesOnePurchaseOnly() async throws { try await contract.anIdempotencyKeyNamesOnePurchaseOnly() }
    @Test func openAndRecentPurchasesMatchSourceRequestAndStage() async throws {
        try await contract.openAndRecentPurchasesMatchSourceRequestAndStage()
    }
    @Test func unfinishedPurchasesAreThoseStillMovingOldestFirst() async throws {
        try await contract.unfinishedPurchasesAreThoseStillMovingOldestFirst()
    }
    @Test func knownInvoiceIdsAreThoseOfTheSource() async throws { try await contract.knownInvoiceIdsAreThoseOfTheSource() }
    @Test func historyListsUnfinishedFirstThenNewestFirstAndFilters() async throws {
        try await contract.historyListsUnfinishedFirstThenNewestFirstAndFilters()
    }
    @Test func placementsTakeTurns() async throws { try await contract.placementsTakeTurns() }
    @Test func aRecentIdenticalPurchaseByAnotherAgentNamesThem() async throws {
        try await contract.aRecentIdenticalPurchaseByAnotherAgentNamesThem()
    }
    @Test func aRecentPurchaseOfTheSameCardCountsWhicheverTicketUnlessTheTicketsDiffer() async throws {
        try await contract.aRecentPurchaseOfTheSameCardCountsWhicheverTicketUnlessTheTicketsDiffer()
    }
    @Test func placementCandidatesAnswerAsAskingOneByOne() async throws { try await contract.placementCandidatesAnswerAsAskingOneByOne() }
    @Test func oneUnfinishedPurchaseClaimsATicket() async throws { try await contract.oneUnfinishedPurchaseClaimsATicket() }
    @Test func historyFiltersByAgentTicketAndStage() async throws { try await contract.historyFiltersByAgentTicketAndStage() }
    @Test func aPlacementWritesThroughItsJournal() async throws { try await contract.aPlacementWritesThroughItsJournal() }
    @Test func aLeaseIsTakenOnlyWhenFreeOrRunOutAndEachTakeRaisesTheEpoch() async throws {
        try await contract.aLeaseIsTakenOnlyWhenFreeOrRunOutAndEachTakeRaisesTheEpoch()
    }
    @Test func renewingKeepsALeaseUntilItIsTakenOverAndReleasingAnOldOneFreesNothing() async throws {
        try await contract.renewingKeepsALeaseUntilItIsTakenOverAndReleasingAnOldOneFreesNothing()
    }
    @Test func aWriteFencedByATakenOverLeaseWritesNothing() async throws { try await contract.aWriteFencedByATakenOverLeaseWritesNothing() }
    @Test func aRecoverableWriteIsSeenAtOnceAndFencedLikeAnyOther() async throws {
        try await contract.aRecoverableWriteIsSeenAtOnceAndFencedLikeAnyOther()
    }
    @Test func anIntentIsWrittenLeasedToItsWriter() async throws { try await contract.anIntentIsWrittenLeasedToItsWriter() }

    /// What a dump, a backup or a DBA sees of a delivered purchase: no code, PIN, link or secret field, anywhere in
    /// its row; the journal itself reads them back.
    @Test func aDumpOfTheTeamDatabaseShowsNoCode() async throws {
        let journal = try await contract.open()
        let bought = PurchaseJournalContract.everything
        try await journal.recordIntent(bought, requestHash: "h", takingCartLines: [], at: .now)
        let raw = try server.psql(database, "SELECT row_to_json(p)::text FROM purchase p")
        #expect(raw.contains("inv-full"), "the row is there")
        for secret in ["GIFT-1234-ABCD", "1234-ABCD", "ABCD", "Q7XK2MNEW9", "9876", "SECRET-XTR4", "XTR4"] {
            #expect(!raw.contains(secret) && !raw.lowercased().contains(secret.lowercased()), "\(secret) is in the row")
        }
        #expect(try await journal.purchase(id: bought.id)?.orders.first?.redemption?.code == "GIFT-1234-ABCD")
    }

    /// Orders sealed for one purchase do not open as another's: the purchase id is bound to the sealed value.
    @Test func sealedOrdersCopiedOntoAnotherPurchaseDoNotOpen() async throws {
        let journal = try await contract.open()
        try await journal.recordIntent(PurchaseJournalContract.everything, requestHash: "h", takingCartLines: [], at: .now)
        try await journal.recordIntent(PurchaseJournalContract.purchase("other", at: 1), requestHash: "o", takingCartLines: [], at: .now)
        _ = try server.psql(database, "UPDATE purchase SET orders_sealed = (SELECT orders_sealed FROM purchase WHERE id = 'p-full') WHERE id = 'other'")
        await #expect(throws: UserDatabaseError.self) { try await journal.purchase(id: "other") }
    }

    /// Two hosts starting on an empty database at once: one migrates, the other waits and finds the schema made.
    @Test func twoHostsStartingTogetherMigrateOnce() async throws {
        let fresh = try server.makeDatabase()
        async let first = Self.journal(on: server, database: fresh)
        async let second = Self.journal(on: server, database: fresh)
        _ = try await (first, second)
        #expect(try server.psql(fresh, "SELECT count(*), max(version) FROM storefront_schema") == "1|\(TeamSchema.version)\n")
    }
}
