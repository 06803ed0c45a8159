import Testing
@testable import SandboxServer

@Suite struct InvoiceValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let body: String
        let status: Int
        let code: String
        var message: String? = nil

        var testDescription: String { code }
    }

    static let btcAddress = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"

    static let cases: [Case] = [
        Case(body: "{\"products\": [", status: 400, code: "parse_error"),
        Case(body: "[1, 2]", status: 400, code: "parse_error"),
        Case(body: "{}", status: 400, code: "missing_param", message: "Missing required parameter: products"),
        Case(body: #"{"products": [{"package_id": "test-gift-card-code<&>10"}]}"#, status: 400, code: "missing_param",
             message: "Missing required parameter: product_id"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code"}]}"#, status: 400, code: "missing_param",
             message: "Missing required parameter: package_id or value"),
        Case(body: #"{"products": [{"product_id": "test-phone-refill", "value": 10}]}"#, status: 400, code: "missing_param",
             message: "Missing required parameter: phone_number"),
        Case(body: #"{"products": [{"product_id": 42, "value": 10}]}"#, status: 400, code: "invalid_param"),
        Case(body: #"{"products": {"product_id": "test-gift-card-code"}}"#, status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "auto_pay": "yes"}"#, status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "email": "not-an-email"}"#, status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "webhook_url": "ftp://example.com/hook"}"#,
             status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "bitcoin"}"#,
             status: 400, code: "missing_param", message: "Missing required parameter: refund_address"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "bitcoin", "refund_address": "0x1234"}"#,
             status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "usdc_base", "refund_address": "\#(btcAddress)"}"#,
             status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "no-such-card", "value": 10}]}"#, status: 404, code: "not_found",
             message: "Product 'no-such-card' not found"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10, "quantity": 15}, {"product_id": "test-gift-card-link", "value": 10, "quantity": 6}]}"#,
             status: 400, code: "too_many_items"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "payment_method": "paypal"}"#,
             status: 400, code: "unsupported_payment_method"),
        Case(body: #"{"products": [{"product_id": "test-phone-refill", "value": 10, "phone_number": "0049 151 1234"}]}"#,
             status: 400, code: "invalid_phone_number"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 15}]}"#, status: 400, code: "invalid_value",
             message: "Value 15 is not allowed for 'test-gift-card-code'. Allowed values: 10, 50, 100, or 10 to 100 in steps of 10"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 200}]}"#, status: 400, code: "invalid_value"),
        Case(body: #"{"products": [{"product_id": "test-esim", "value": "2GB, 1 Day"}]}"#, status: 400, code: "invalid_value"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "package_id": "test-gift-card-code<&>7"}]}"#,
             status: 400, code: "invalid_package_id"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10, "quantity": 0}]}"#, status: 400, code: "invalid_quantity"),
        Case(body: #"{"products": [{"product_id": "test-gift-card-code", "value": 10, "quantity": 1.5}]}"#, status: 400, code: "invalid_quantity"),
        Case(body: #"{"products": [{"product_id": "test-esim", "value": "1GB, 7 Days", "esim_id": "1234"}]}"#, status: 400, code: "invalid_param"),
        Case(body: #"{"products": [{"product_id": "test-esim", "value": "1GB, 7 Days", "esim_id": "8988247999999999992"}]}"#,
             status: 404, code: "not_found"),
    ]

    @Test(arguments: cases)
    func invalidInvoiceRequestsGetTheDocumentedError(_ testCase: Case) async throws {
        try await TestSandbox.with { sandbox in
            let reply = try await sandbox.post("/invoices", testCase.body)
            #expect(reply.status == testCase.status, "\(reply.text)")
            #expect(reply.errorCode == testCase.code, "\(reply.text)")
            #expect(reply.meta["_endpoint"] as? String == "/invoices")
            if let message = testCase.message {
                #expect(reply.object["message"] as? String == message)
            }
            #expect(await sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func outOfStockProductsCannotBeBought() async throws {
        let catalog = Catalog(seed: 1, productCount: 400)
        let product = try #require(catalog.products.first { !$0.inStock })
        try await TestSandbox.with { sandbox in
            let value = product.packages.first?.label ?? "\(product.range?.min ?? 0)"
            let reply = try await sandbox.post("/invoices", #"{"products": [{"product_id": "\#(product.id)", "value": \#(value), "phone_number": "+4915112345678"}]}"#)
            #expect(reply.errorCode == "out_of_stock")
            #expect(reply.object["message"] as? String == "Product '\(product.id)' is currently out of stock")
        }
    }

    @Test func phoneRefillsNeedANumberTheOperatorServes() async throws {
        let catalog = Catalog(seed: 1, productCount: 400)
        let number = try #require(PhoneNumber(e164: "+4915212345678"))
        let german = try #require(catalog.operators(serving: number).first { $0.inStock })
        let value = try #require(german.packages.first?.label)
        try await TestSandbox.with { sandbox in
            let wrong = try await sandbox.post("/invoices", #"{"products": [{"product_id": "\#(german.id)", "value": \#(value), "phone_number": "+12025550123"}]}"#)
            #expect(wrong.errorCode == "unsupported_operator")
            let right = try await sandbox.post("/invoices", #"{"products": [{"product_id": "\#(german.id)", "value": \#(value), "phone_number": "+4915212345678"}]}"#)
            #expect(right.status == 200)
            #expect(right.data["orders"].map { ($0 as? [[String: Any]])?.count } == 1)
        }
    }

    @Test func payingFromATooSmallBalanceIsRefusedWithoutCreatingAnInvoice() async throws {
        try await TestSandbox.with { sandbox in
            await sandbox.control.setBalance(100)
            let reply = try await sandbox.post("/invoices", #"{"products": [{"product_id": "test-gift-card-code", "value": 10}], "auto_pay": true}"#)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "balance_too_low")
            #expect(reply.object["message"] as? String == "Insufficient balance. Required: 0.00016667 BTC, Available: 0.00000100 BTC")
            #expect(await sandbox.control.invoiceCount() == 0)

            let invoice = try await sandbox.createInvoice(#"{"products": [{"product_id": "test-gift-card-code", "value": 10}]}"#)
            let id = try #require(invoice["id"] as? String)
            let pay = try await sandbox.post("/invoices/\(id)/pay", "{}")
            #expect(pay.errorCode == "balance_too_low")
            #expect(await sandbox.control.balance() == 100)
        }
    }
}
