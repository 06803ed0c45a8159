import Foundation
import Testing
@testable import SandboxServer

/// `GET /invoices` and `GET /orders` over raw HTTP: pages linked by `meta._next`, and `after`/`before` on both.
@Suite struct AccountListTests {
    static let giftCard = #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "balance", "auto_pay": true}"#

    @Test(arguments: SandboxDialect.allCases)
    func ordersFollowNextLinksAndTakeAfterAndBefore(dialect: SandboxDialect) async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = dialect }) { sandbox in
            var ids: [String] = []
            for _ in 0..<5 {
                ids.append(try #require(try await sandbox.createInvoice(Self.giftCard)["id"] as? String))
                await sandbox.control.advanceClock(by: .seconds(60))
            }
            var reply = try await sandbox.get("/orders?limit=2")
            var listed = reply.list
            while let next = reply.meta["_next"] as? String {
                reply = try await sandbox.get(url: next)
                listed += reply.list
            }
            #expect(listed.compactMap { $0["invoice_id"] as? String } == ids.reversed())

            let start = sandbox.control.now().addingTimeInterval(-5 * 60)
            let after = Timestamp.format(start.addingTimeInterval(90))
            let before = Timestamp.format(start.addingTimeInterval(210))
            let window = try await sandbox.get("/orders?after=\(after)&before=\(before)").list
            #expect(window.compactMap { $0["invoice_id"] as? String } == [ids[3], ids[2]])
            #expect(try await sandbox.get("/orders?before=soon").errorCode == "invalid_param")
        }
    }
}
