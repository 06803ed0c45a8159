import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The eSIM top-up and phone refill screens at 80x24 and 120x40, as text. Re-record with
/// STOREFRONT_RECORD_SNAPSHOTS=1 (then read them).
@Suite struct ESIMSnapshotTests {
    let steps = ESIMReduceTests()

    func check(_ name: String, _ state: AppState) {
        for (width, height) in ScreenSnapshotTests.sizes {
            var sized = state
            _ = reduce(&sized, .resized(width: width, height: height))
            assertSnapshot(render(sized).text, named: "\(name)-\(width)x\(height)")
        }
    }

    @Test func theAccountsESIMsFilteredByTheDigitsTyped() {
        var state = steps.opened()
        _ = steps.type(&state, "19")
        check("esim-lookup", state)
    }

    @Test func theReviewShowsTheICCIDInFull() {
        check("esim-review", steps.reviewing())
    }

    @Test func theNewBundleAfterATopUp() {
        var state = steps.reviewing()
        _ = steps.press(&state, .character("y"))
        _ = reduce(&state, .checkout(.placed(steps.purchase("p1", stage: .created))))
        _ = reduce(&state, .checkout(.updated(steps.purchase("p1", stage: .settled, orders: [PurchaseOrder(id: "o1", status: .delivered)]),
                                              follow: nil)))
        var after = ESIMReduceTests.esim
        after.bundles.append(ESIMBundleUsage(name: "3GB, 30 Days", dataMB: 3000, status: "queued", remainingBytes: 3_000_000_000))
        _ = reduce(&state, .esim(.loaded(after)))
        check("esim-topped-up", state)
    }

    @Test func theOperatorsOfANumber() {
        var state = SampleApp.browsing()
        _ = reduce(&state, .keyPressed(.character("p")))
        for character in "015112345678" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.tab))
        for character in "DE" { _ = reduce(&state, .keyPressed(.character(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        let operators = [("tidal-cellular-de", "Tidal Cellular"), ("nova-wireless-de", "Nova Wireless"), ("velo-tel-de", "Velo Tel")]
        _ = reduce(&state, .phoneRefill(.checked(number: "+4915112345678", operators: operators.map { PhoneOperatorChoice(id: $0.0, name: $0.1) })))
        check("phone-operators", state)
    }
}
