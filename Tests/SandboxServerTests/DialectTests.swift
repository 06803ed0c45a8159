import Foundation
import Testing
@testable import SandboxServer

@Suite struct DialectTests {
    @Test func observedProductsHaveTheLiveShape() async throws {
        try await TestSandbox.with { sandbox in
            let product = try await sandbox.get("/products/test-gift-card-code").data
            #expect(product["id"] as? String == "test-gift-card-code")
            #expect(product["country_code"] as? String == "KN")
            #expect(product["country_name"] as? String == "St Kitts and Nevis")
            #expect(product["currency"] as? String == "USD")
            #expect(product["categories"] as? [String] == ["gifts"])
            #expect(product["created_time"] as? String == "2021-10-21T12:04:11.677Z")
            #expect(product["recipient_type"] as? String == "none")
            #expect(product["in_stock"] as? Bool == true)
            #expect(product["type"] == nil)
            #expect(product["range", "min"] as? Int == 10)
            #expect(product["range", "max"] as? Int == 100)
            #expect(product["range", "step"] as? Int == 10)
            #expect(product["range", "price_rate"] as? Double == 1666.67)
            let package = try #require((product["packages"] as? [[String: Any]])?.first)
            #expect(package["id"] as? String == "test-gift-card-code<&>10")
            #expect(package["value"] as? String == "10")
            #expect(package["price"] as? Int == 16667)
            #expect(package["amount"] as? Int == 10)
            #expect(package["type"] == nil)
        }
    }

    @Test func docsProductsHaveTheDocumentedShape() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = .docs }) { sandbox in
            let product = try await sandbox.get("/products/test-gift-card-code").data
            #expect(product["type"] as? String == "gift_card")
            #expect(product["country"] as? String == "KN")
            #expect(product["country_code"] == nil)
            #expect((product["range"] as? [String: Any])?.keys.sorted() == ["max", "min", "step"])
            let package = try #require((product["packages"] as? [[String: Any]])?.first)
            #expect(package["package_id"] as? String == "test-gift-card-code<&>10")
            #expect(package["value"] as? Int == 10)

            let esim = try await sandbox.get("/products/esims/test-esim").data
            let label = try #require((esim["packages"] as? [[String: Any]])?.first)
            #expect(label["value"] as? String == "1GB, 7 Days")
            #expect(esim["coverage"] as? [String] == ["KN", "US", "GB", "DE", "FR", "JP"])
        }
    }

    @Test func pricesFollowTheAccountCurrency() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.currency = "EUR"; $0.initialBalance = 10_000 }) { sandbox in
            let package = try #require((try await sandbox.get("/products/test-gift-card-code").data["packages"] as? [[String: Any]])?.first)
            #expect(package["price"] as? Int == 926)
            let balance = try await sandbox.get("/accounts/balance").data
            #expect(balance["balance"] as? Int == 10_000)
            #expect(balance["currency"] as? String == "EUR")
        }
    }

    @Test func checkPhoneNumberAnswersOneProductOrAListInTheObservedDialect() async throws {
        try await TestSandbox.with { sandbox in
            let one = try await sandbox.get("/check_phone_number?phone_number=%2B4915212345678")
            #expect(one.status == 200)
            #expect(one.data["recipient_type"] as? String == "phone_number")
            #expect(one.data["country_code"] as? String == "DE")

            let several = try await sandbox.get("/check_phone_number?phone_number=%2B4915112345678")
            #expect(several.list.count == 3)
            let operatorID = try #require(several.list.first?["id"] as? String)
            let chosen = try await sandbox.get("/check_phone_number?phone_number=%2B4915112345678&operator=\(operatorID)")
            #expect(chosen.data["id"] as? String == operatorID)

            #expect(try await sandbox.get("/check_phone_number?phone_number=%2B4919912345678").errorCode == "unsupported_operator")
            #expect(try await sandbox.get("/check_phone_number?phone_number=12345").errorCode == "invalid_phone_number")
            // An unencoded "+" is a space once decoded, as on any real server.
            #expect(try await sandbox.get("/check_phone_number?phone_number=+4915212345678").errorCode == "invalid_phone_number")
            #expect(try await sandbox.get("/check_phone_number").errorCode == "missing_param")
        }
    }

    @Test func checkPhoneNumberListsOperatorsInTheDocsDialect() async throws {
        try await TestSandbox.with(TestSandbox.configuration { $0.dialect = .docs }) { sandbox in
            let reply = try await sandbox.get("/check_phone_number?phone_number=%2B12025550123").data
            #expect(reply["phone_number"] as? String == "+12025550123")
            let operators = try #require(reply["operators"] as? [[String: Any]])
            #expect(operators.count == 3)
            #expect(operators.allSatisfy { $0.keys.sorted() == ["id", "name"] })
        }
    }

    @Test func pingAndBalanceUseTheEnvelope() async throws {
        try await TestSandbox.with { sandbox in
            let ping = try await sandbox.get("/ping")
            #expect(ping.data["message"] as? String == "pong")
            #expect(ping.meta["_endpoint"] as? String == "/ping")
            #expect(ping.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            let balance = try await sandbox.get("/accounts/balance").data
            #expect(balance["balance"] as? Int == 5_000_000)
            #expect(balance["currency"] as? String == "BTC")
        }
    }
}
