import Foundation
import Testing
@testable import SandboxServer

/// A sandbox with a persistence is the same account after a restart: invoices, orders, balance and eSIMs
/// carry over, purchases in flight go on where they were, and nothing minted later repeats an id.
@Suite struct RestartTests {
    private static let giftCard = #"""
        {"products": [{"product_id": "test-gift-card-code", "value": 50}], "payment_method": "bitcoin",
         "refund_address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
        """#

    @Test func anUnpaidInvoiceSurvivesARestartAndIsDeliveredAfterIt() async throws {
        let persistence = InMemorySandboxPersistence()
        let configuration = TestSandbox.configuration { $0.deliveryDelay = .seconds(3) }
        let first = try await TestSandbox.value(configuration, persistence: persistence) { sandbox in
            let invoice = try await sandbox.createInvoice(Self.giftCard)
            let orders = try #require(invoice["orders"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            return (id: try #require(invoice["id"] as? String), orders: orders)
        }
        try await TestSandbox.with(configuration, persistence: persistence) { sandbox in
            let reloaded = try await sandbox.get("/invoices/\(first.id)")
            #expect(reloaded.status == 200)
            #expect(reloaded.data["payment", "status"] as? String == "unpaid")
            #expect(try await sandbox.get("/orders/\(try #require(first.orders.first))").status == 200)

            #expect(try await sandbox.post("/sandbox/invoices/\(first.id)/simulate-payment", "{}").status == 200)
            await sandbox.control.advanceClock(by: .seconds(3))
            #expect(try await sandbox.get("/invoices/\(first.id)").data["status"] as? String == "all_delivered")
            #expect(await sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func idsMintedAfterARestartNeverRepeatEarlierOnes() async throws {
        let persistence = InMemorySandboxPersistence()
        var seen: Set<String> = []
        for _ in 0..<3 {
            let ids = try await TestSandbox.value(persistence: persistence) { sandbox in
                let invoice = try await sandbox.createInvoice(Self.giftCard)
                let orders = try #require(invoice["orders"] as? [[String: Any]]).compactMap { $0["id"] as? String }
                return [try #require(invoice["id"] as? String)] + orders
            }
            #expect(seen.isDisjoint(with: ids))
            seen.formUnion(ids)
        }
        let listed = try await TestSandbox.value(persistence: persistence) { try await $0.get("/invoices").list }
        #expect(listed.count == 3)
    }

    @Test func theBalanceAndBoughtESIMsCarryOver() async throws {
        let persistence = InMemorySandboxPersistence()
        let iccid = try await TestSandbox.value(persistence: persistence) { sandbox in
            let bought = try await sandbox.post("/esims", #"{"products": [{"product_id": "test-esim", "value": "1GB, 7 Days"}], "auto_pay": true}"#)
            let orderID = try #require((bought.data["orders"] as? [[String: Any]])?.first?["id"] as? String)
            return try #require(try await sandbox.get("/orders/\(orderID)").data["esim_id"] as? String)
        }
        let before = persistence.saved.balance
        #expect(before != nil && before! < 5_000_000)
        try await TestSandbox.with(persistence: persistence) { sandbox in
            #expect(await sandbox.control.balance() == before)
            let esim = try await sandbox.get("/esims/\(iccid)")
            #expect(esim.status == 200)
        }
    }

    @Test func aSandboxWithoutPersistenceForgetsWhenItStops() async throws {
        let id = try await TestSandbox.value { try #require(try await $0.createInvoice(Self.giftCard)["id"] as? String) }
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.get("/invoices/\(id)")
            #expect(reply.status == 404)
        }
    }

    @Test func withoutADetectionDelayACryptoInvoiceWaitsForASimulatedPayment() async throws {
        let configuration = TestSandbox.configuration { $0.paymentDetectionDelay = nil }
        try await TestSandbox.with(configuration) { sandbox in
            let id = try #require(try await sandbox.createInvoice(Self.giftCard)["id"] as? String)
            await sandbox.control.advanceClock(by: .seconds(179 * 60))
            #expect(try await sandbox.get("/invoices/\(id)").data["payment", "status"] as? String == "unpaid")
            let paid = try await sandbox.post("/sandbox/invoices/\(id)/simulate-payment", "{}")
            #expect(paid.data["status"] as? String == "all_delivered")
        }
    }
}
