import Foundation
import Testing
@testable import SandboxServer

@Suite struct PurchaseFlowTests {
    static let giftCard = #"{"products": [{"product_id": "test-gift-card-code", "package_id": "test-gift-card-code<&>10"}], "payment_method": "balance", "auto_pay": true}"#

    @Test func balancePurchaseDeliversACodeAndChargesTheBalance() async throws {
        try await TestSandbox.with { sandbox in
            let invoice = try await sandbox.createInvoice(Self.giftCard)
            let id = try #require(invoice["id"] as? String)
            #expect(UUID(uuidString: id) != nil)
            #expect(invoice["payment", "method"] as? String == "balance")
            #expect(invoice["payment", "address"] == nil)
            #expect(invoice["payment", "currency"] as? String == "BTC")
            #expect(invoice["payment", "price"] as? Int == 16667)
            #expect(invoice["payment", "status"] as? String == "payment_confirmed")
            #expect(invoice["status"] as? String == "all_delivered")
            let created = try #require(invoice["created_time"] as? String)
            #expect(created.count == 24 && created.hasSuffix("Z"))

            let orders = try #require(invoice["orders"] as? [[String: Any]])
            #expect(orders.count == 1)
            let orderID = try #require(orders[0]["id"] as? String)
            #expect(orderID.count == 24 && orderID.allSatisfy(\.isHexDigit))
            #expect(orders[0]["redemption_info"] == nil)

            let order = try await sandbox.get("/orders/\(orderID)").data
            #expect(order["status"] as? String == "delivered")
            #expect(order["invoice_id"] as? String == id)
            #expect(order["product", "value"] as? String == "10")
            let code = try #require(order["redemption_info", "code"] as? String)
            #expect(code.count == 19)
            #expect(order["redemption_info", "expiration_date"] is String)
            #expect(order["redemption_info", "instructions"] is String)

            #expect(await sandbox.control.balance() == 5_000_000 - 16667)
            #expect(await sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func payEndpointPaysAnUnpaidBalanceInvoiceOnce() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = .docs }) { sandbox in
            let invoice = try await sandbox.createInvoice(#"{"products": [{"product_id": "test-gift-card-link", "value": 20, "quantity": 2}]}"#)
            #expect(invoice["status"] as? String == "unpaid")
            let id = try #require(invoice["id"] as? String)
            let paid = try await sandbox.post("/invoices/\(id)/pay", "{}")
            #expect(paid.data["status"] as? String == "complete")
            let orders = try #require(paid.data["orders"] as? [[String: Any]])
            #expect(orders.count == 2)
            #expect(orders.allSatisfy { $0["status"] as? String == "delivered" && $0["product", "value"] as? Int == 20 })
            let order = try await sandbox.get("/orders/\(try #require(orders[0]["id"] as? String))").data
            #expect((order["redemption_info", "link"] as? String)?.hasPrefix("https://") == true)
            #expect(await sandbox.control.balance() == 5_000_000 - 2 * 33334)

            let again = try await sandbox.post("/invoices/\(id)/pay", "")
            #expect(again.errorCode == "invalid_param")
            #expect(try await sandbox.post("/invoices/\(id)/pay", "{oops").errorCode == "parse_error")
            #expect(try await sandbox.post("/invoices/nope/pay", "{}").status == 404)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func failingProductRefundsTheBalance(dialect: SandboxDialect) async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = dialect }) { sandbox in
            let invoice = try await sandbox.createInvoice(
                #"{"products": [{"product_id": "test-gift-card-code-fail", "value": 10}, {"product_id": "test-gift-card-code", "value": 10}], "auto_pay": true}"#
            )
            let orders = try #require(invoice["orders"] as? [[String: Any]])
            let failedID = try #require(orders[0]["id"] as? String)
            let failed = try await sandbox.get("/orders/\(failedID)").data
            #expect(failed["status"] as? String == (dialect == .observed ? "permanent_failure" : "refunded"))
            #expect(failed["refund", "amount"] as? Int == 16667)
            #expect(failed["refund", "currency"] as? String == "BTC")
            #expect(failed["redemption_info"] == nil)
            #expect(invoice["status"] as? String == (dialect == .observed ? "partially_delivered" : "complete"))
            #expect(await sandbox.control.balance() == 5_000_000 - 16667)
        }
    }

    @Test func failingOrdersGoThroughFailedBeforeRefundedInTheDocsDialect() async throws {
        let configuration = TestSandbox.configuration { $0.dialect = .docs; $0.deliveryDelay = .seconds(60) }
        try await TestSandbox.with(configuration) { sandbox in
            let invoice = try await sandbox.createInvoice(#"{"products": [{"product_id": "test-phone-refill-fail", "value": 10, "phone_number": "+18695551234"}], "auto_pay": true}"#)
            let id = try #require(invoice["id"] as? String)
            let orderID = try #require((invoice["orders"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(invoice["status"] as? String == "payment_confirmed")
            #expect(await sandbox.control.balance() == 5_000_000 - 16667)
            await sandbox.control.advanceClock(by: .seconds(61))
            #expect(try await sandbox.get("/orders/\(orderID)").data["status"] as? String == "failed")
            #expect(try await sandbox.get("/invoices/\(id)").data["status"] as? String == "pending")
            await sandbox.control.advanceClock(by: .seconds(30))
            #expect(try await sandbox.get("/orders/\(orderID)").data["status"] as? String == "refunded")
            #expect(try await sandbox.get("/invoices/\(id)").data["status"] as? String == "complete")
            #expect(await sandbox.control.balance() == 5_000_000)
        }
    }

    @Test func cryptoInvoiceIsPaidBySimulatedPayment() async throws {
        try await TestSandbox.with { sandbox in
            let invoice = try await sandbox.createInvoice(#"""
                {"products": [{"product_id": "test-gift-card-code", "value": 50}], "payment_method": "bitcoin",
                 "refund_address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
                """#)
            let id = try #require(invoice["id"] as? String)
            #expect((invoice["payment", "address"] as? String)?.hasPrefix("bc1q") == true)
            #expect(invoice["payment", "currency"] as? String == "BTC")
            #expect(invoice["payment", "price"] as? Int == 83334)
            #expect(invoice["payment", "status"] as? String == "unpaid")
            #expect(invoice["status"] as? String == "not_delivered")

            let paid = try await sandbox.post("/sandbox/invoices/\(id)/simulate-payment", "{}")
            #expect(paid.data["payment", "status"] as? String == "payment_confirmed")
            #expect(paid.data["status"] as? String == "all_delivered")
            #expect(await sandbox.control.balance() == 5_000_000)
            #expect(try await sandbox.post("/sandbox/invoices/nope/simulate-payment", "{}").status == 404)
        }
    }

    @Test func cryptoPaymentsAreDetectedAfterTheDetectionDelay() async throws {
        let configuration = TestSandbox.configuration { $0.paymentDetectionDelay = .seconds(20); $0.deliveryDelay = .seconds(3) }
        try await TestSandbox.with(configuration) { sandbox in
            let invoice = try await sandbox.createInvoice(#"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "lightning",
                 "refund_address": "satoshi@example.com"}
                """#)
            let id = try #require(invoice["id"] as? String)
            #expect((invoice["payment", "address"] as? String)?.hasPrefix("lnbc166670n1p") == true)
            await sandbox.control.advanceClock(by: .seconds(20))
            #expect(try await sandbox.get("/invoices/\(id)").data["payment", "status"] as? String == "payment_detected")
            await sandbox.control.advanceClock(by: .seconds(1))
            let confirmed = try await sandbox.get("/invoices/\(id)").data
            #expect(confirmed["payment", "status"] as? String == "payment_confirmed")
            #expect(confirmed["status"] as? String == "not_delivered")
            await sandbox.control.advanceClock(by: .seconds(2))
            #expect(try await sandbox.get("/invoices/\(id)").data["status"] as? String == "all_delivered")
        }
    }

    @Test(arguments: [
        ("ethereum", "ETH", "0x", "3333334000000000"),
        ("usdc_polygon", "USDC", "0x", "10000000"),
        ("usdt_erc20", "USDT", "0x", "10000000"),
        ("eth_base", "ETH", "0x", "3333334000000000"),
    ])
    func cryptoQuotesUseEachMethodsCurrencyAndUnit(method: String, currency: String, prefix: String, price: String) async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.post("/invoices", #"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "\#(method)",
                 "refund_address": "0x52908400098527886E0F7030069857D2E4169EE7"}
                """#)
            #expect(reply.data["payment", "currency"] as? String == currency)
            #expect((reply.data["payment", "address"] as? String)?.hasPrefix(prefix) == true)
            #expect(reply.text.contains("\"price\":\(price)"))
        }
    }

    @Test func solanaQuotesUseABase58Address() async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.post("/invoices", #"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "usdc_solana",
                 "refund_address": "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"}
                """#)
            let address = try #require(reply.data["payment", "address"] as? String)
            #expect(address.count == 44 && !address.hasPrefix("0x"))
            #expect(reply.data["payment", "price"] as? Int == 10_000_000)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func unpaidInvoicesExpire(dialect: SandboxDialect) async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = dialect }) { sandbox in
            let invoice = try await sandbox.createInvoice(#"{"products": [{"product_id": "test-gift-card-code", "value": 10}]}"#)
            let id = try #require(invoice["id"] as? String)
            await sandbox.control.advanceClock(by: .seconds(179 * 60))
            #expect(try await sandbox.get("/invoices/\(id)").data["status"] as? String == (dialect == .observed ? "not_delivered" : "unpaid"))
            await sandbox.control.advanceClock(by: .seconds(2 * 60))
            let expired = try await sandbox.get("/invoices/\(id)").data
            switch dialect {
            case .observed: #expect(expired["payment", "status"] as? String == "expired")
            case .docs: #expect(expired["status"] as? String == "denied")
            }
            #expect(try await sandbox.post("/invoices/\(id)/pay", "{}").errorCode == "invalid_param")
        }
    }

    @Test func controlExpiresACryptoInvoiceSoItCannotBePaid() async throws {
        try await TestSandbox.with { sandbox in
            let invoice = try await sandbox.createInvoice(#"""
                {"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "bitcoin",
                 "refund_address": "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}
                """#)
            let id = try #require(invoice["id"] as? String)
            try await sandbox.control.expireInvoice(invoiceID: id)
            #expect(try await sandbox.get("/invoices/\(id)").data["payment", "status"] as? String == "expired")
            await #expect(throws: SandboxControlError.self) { try await sandbox.control.simulatePayment(invoiceID: id) }
        }
    }

    @Test func invoiceListIsNewestFirstAndFiltersByTime() async throws {
        try await TestSandbox.with { sandbox in
            let first = try #require(try await sandbox.createInvoice(Self.giftCard)["id"] as? String)
            await sandbox.control.advanceClock(by: .seconds(60))
            let middle = Timestamp.format(sandbox.control.now())
            await sandbox.control.advanceClock(by: .seconds(60))
            let second = try #require(try await sandbox.createInvoice(Self.giftCard)["id"] as? String)

            let all = try await sandbox.get("/invoices").list.compactMap { $0["id"] as? String }
            #expect(all == [second, first])
            #expect(try await sandbox.get("/invoices?after=\(middle)").list.compactMap { $0["id"] as? String } == [second])
            #expect(try await sandbox.get("/invoices?before=\(middle)").list.compactMap { $0["id"] as? String } == [first])
            #expect(try await sandbox.get("/invoices?after=yesterday").errorCode == "invalid_param")
            #expect(try await sandbox.get("/orders").list.count == 2)
            #expect(try await sandbox.get("/invoices/\(first)").data["id"] as? String == first)
            #expect(try await sandbox.get("/invoices/nope").errorCode == "not_found")
            #expect(try await sandbox.get("/orders/nope").errorCode == "not_found")
        }
    }
}
