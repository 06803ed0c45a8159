import Testing
@testable import SandboxServer

/// `test-esim-fail`: a top-up whose order fails is refunded to the balance and leaves the eSIM as it was, so
/// clients can show a failed top-up end to end.
@Suite struct ESIMTopUpFailureTests {
    @Test func aFailingTopUpIsRefundedAndAddsNoBundle() async throws {
        try await TestSandbox.with { sandbox in
            let iccid = "8988247000000000019"
            let before = try await sandbox.get("/accounts/balance").data["balance"] as? Int
            let reply = try await sandbox.post("/esims", #"""
                {"products": [{"product_id": "test-esim-fail", "value": "1GB, 7 Days", "esim_id": "\#(iccid)"}], "auto_pay": true}
                """#)
            #expect(reply.status == 200)
            let orderID = try #require((reply.data["orders"] as? [[String: Any]])?.first?["id"] as? String)
            let order = try await sandbox.get("/orders/\(orderID)").data
            #expect(order["status"] as? String == "permanent_failure", "the observed dialect's word for a failed order")
            #expect(order["refund"] != nil)
            #expect(try await sandbox.get("/accounts/balance").data["balance"] as? Int == before, "the price came back")
            let history = try #require(try await sandbox.get("/esims/\(iccid)").data["package_history"] as? [[String: Any]])
            #expect(history.count == 1, "no bundle was added")
        }
    }
}
