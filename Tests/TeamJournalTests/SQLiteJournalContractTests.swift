import Checkout
import Foundation
import Testing

/// The embedded journal (`UserDatabase`) holds to the journal contract; each test has a file of its own, opened
/// again for each handle as another process on the same data directory would.
@Suite final class SQLiteJournalContractTests {
    let contract: PurchaseJournalContract
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(UserDatabase.fileName)
        contract = PurchaseJournalContract { try UserDatabase.open(at: file) }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

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
}
