import Foundation
@testable import StorefrontTUI
import Testing

/// `W` on the purchase screen asks the edge for a receipt file and says where it went.
@Suite struct ReceiptReduceTests {
    @Test func wAsksForAReceiptAndTheStatusBarSaysWhereItWent() {
        var state = SamplePurchases.showing(SamplePurchases.delivered)
        let effects = reduce(&state, .keyPressed(.character("W")))
        #expect(effects == [.checkout(.writeReceipt(purchaseId: SamplePurchases.delivered.id))])
        _ = reduce(&state, .checkout(.receiptWritten(path: "/data/receipt-inv.txt")))
        #expect(state.message?.kind == .success)
        #expect(state.message?.text.contains("/data/receipt-inv.txt") == true)
    }

    @Test func theHelpListsTheReceiptKey() {
        #expect(Keymap.bindings.contains { $0.context == .purchase && $0.keys == [.character("W")] && $0.command == .writeReceipt })
    }
}
