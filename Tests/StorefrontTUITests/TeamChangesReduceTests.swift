import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// Colleagues' purchases arriving from the team feed while the storefront runs: the history shows them as they
/// change, and a purchase this host is following is left to its own follow.
@Suite struct TeamChangesReduceTests {
    func onHistory(_ entries: [Purchase], selecting selection: Int = 0) -> AppState {
        var state = SampleApp.browsing()
        _ = reduce(&state, .keyPressed(.character("h")))
        _ = reduce(&state, .checkout(.historyLoaded(entries, filter: "")))
        state.checkout.history.selection = selection
        return state
    }

    static func colleagues(_ id: String, stage: PurchaseStage) -> Purchase {
        var purchase = SamplePurchases.following
        purchase.id = id
        purchase.stage = stage
        return purchase
    }

    @Test func aColleaguesPurchaseChangesInItsRowAtOnce() {
        var state = onHistory([SamplePurchases.delivered, Self.colleagues("c-1", stage: .created)], selecting: 1)
        let settled = Self.colleagues("c-1", stage: .settled)
        #expect(reduce(&state, .checkout(.teamChanged([settled]))).isEmpty, "nothing to read: the row is replaced")
        #expect(state.checkout.history.entries.map(\.stage) == [.settled, .settled])
        #expect(state.checkout.history.selectedEntry == settled)
    }

    @Test func aNewPurchaseOnTheOpenHistoryReadsItAgainAndTheSelectionStaysOnItsPurchase() {
        var state = onHistory([SamplePurchases.delivered, Self.colleagues("c-1", stage: .created)], selecting: 1)
        let fresh = Self.colleagues("c-2", stage: .intent)
        #expect(reduce(&state, .checkout(.teamChanged([fresh]))) == [.checkout(.loadHistory(filter: ""))])
        #expect(!state.checkout.history.isLoading, "the list stays on screen while it is read again")
        _ = reduce(&state, .checkout(.historyLoaded([fresh, SamplePurchases.delivered, Self.colleagues("c-1", stage: .created)], filter: "")))
        #expect(state.checkout.history.selectedEntry?.id == "c-1", "Enter still opens the purchase that was selected")
    }

    @Test func aNewPurchaseWaitsForTheHistoryToBeOpened() {
        var state = SampleApp.browsing()
        #expect(reduce(&state, .checkout(.teamChanged([Self.colleagues("c-2", stage: .intent)]))).isEmpty)
        #expect(reduce(&state, .keyPressed(.character("h"))) == [.checkout(.loadHistory(filter: ""))], "opening it reads the journal")
    }

    @Test func aPurchaseOnScreenChangesUnlessThisHostFollowsIt() {
        var state = SamplePurchases.showing(Self.colleagues("c-1", stage: .created))
        _ = reduce(&state, .checkout(.teamChanged([Self.colleagues("c-1", stage: .settled)])))
        #expect(state.checkout.shownPurchase?.stage == .settled, "a colleague's purchase opened from the history changes on screen")

        var following = SamplePurchases.showing(SamplePurchases.following)
        following.checkout.follows[SamplePurchases.following.id] = FollowStatus(nextCheck: SamplePurchases.now)
        _ = reduce(&following, .checkout(.teamChanged([Self.colleagues(SamplePurchases.following.id, stage: .settled)])))
        #expect(following.checkout.shownPurchase?.stage == .created, "this host's follow says when its purchase settles")
    }
}
