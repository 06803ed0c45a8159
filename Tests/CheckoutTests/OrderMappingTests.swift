@testable import Checkout
import BitrefillAPI
import Foundation
import StorefrontDomain
import Testing

/// Server text is sanitised on its way into the journal; two raw keys that clean to the same text, or a key that
/// cleans to nothing, once trapped in `Dictionary(uniqueKeysWithValues:)` and ended `buy` after the code arrived.
@Suite struct OrderMappingTests {
    let body = #"""
    {"id":"6a2aa65dabde95de17c336f8","status":"delivered",
     "redemption_info":{"code":"GIFT-1234-ABCD","pin":"4321",
       "extra_fields":{"a\u001b":"from escaped key","a":"from plain key","":"no key","\u0007":"bell key","serial":"SN-9"}}}
    """#

    @Test func duplicateExtraFieldKeysKeepTheCode() throws {
        let order = try JSONDecoder().decode(Order.self, from: Data(body.utf8))
        #expect(order.redemptionInfo?.extraFields.count == 5)
        let mapped = PurchaseOrder(order)
        #expect(mapped.redemption?.code == "GIFT-1234-ABCD")
        #expect(mapped.redemption?.pin == "4321")
        let fields = mapped.redemption?.extraFields ?? [:]
        #expect(fields["serial"] == "SN-9")
        #expect(fields["a"] == "from plain key / from escaped key", "both values survive, in a stable order")
        #expect(fields[""] == nil, "keys that clean to nothing are dropped")
        #expect(fields.count == 2)
    }

    @Test func theSameOrderAlwaysMapsToTheSameFields() {
        let info = RedemptionInfo(code: "C", extraFields: ["b\u{1B}[31m": "2", "b": "1", "\u{202E}b": "3", " ": "blank"])
        let first = Redemption(info)
        for _ in 0..<20 { #expect(Redemption(info) == first) }
        #expect(first.extraFields == ["b": "1 / 2 / 3"])
    }
}
