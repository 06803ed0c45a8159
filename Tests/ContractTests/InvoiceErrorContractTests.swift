import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontDomain
import Testing

/// Every documented invoice error, produced by the sandbox and read back by the client as a typed error.
@Suite struct InvoiceErrorContractTests {
    static let cases: [(code: String, body: String)] = [
        ("parse_error", #"{"products": [ {"product_id": "#),
        ("missing_param", #"{"products":[{"value":10,"quantity":1}],"payment_method":"balance"}"#),
        ("invalid_param", #"{"products":"test-gift-card-code","payment_method":"balance"}"#),
        ("not_found", #"{"products":[{"product_id":"no-such-product","value":10}],"payment_method":"balance"}"#),
        ("too_many_items", #"{"products":[{"product_id":"test-gift-card-code","value":10,"quantity":21}],"payment_method":"balance"}"#),
        ("unsupported_payment_method", #"{"products":[{"product_id":"test-gift-card-code","value":10}],"payment_method":"dogecoin"}"#),
        ("invalid_value", #"{"products":[{"product_id":"test-gift-card-code","value":15}],"payment_method":"balance"}"#),
        ("invalid_package_id", #"{"products":[{"product_id":"test-gift-card-code","package_id":"test-gift-card-code<&>999"}],"payment_method":"balance"}"#),
        ("invalid_quantity", #"{"products":[{"product_id":"test-gift-card-code","value":10,"quantity":0}],"payment_method":"balance"}"#),
        ("invalid_phone_number", #"{"products":[{"product_id":"test-phone-refill","value":10,"phone_number":"12ab"}],"payment_method":"balance"}"#),
    ]

    @Test(arguments: SandboxDialect.allCases)
    func everyInvoiceErrorComesBackTypedWithAdvice(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            for (code, body) in Self.cases {
                let error = await #expect(throws: APIError.self, "\(code)") { try await harness.postInvoice(rawBody: body) }
                #expect(error?.errorCode == code, "\(code): got \(String(describing: error))")
                #expect(error?.outcome == .notExecuted)
                #expect(error?.message.isEmpty == false)
            }
        }
    }

    @Test func outOfStockProductIsRefused() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let products = try await harness.client.pages(Endpoints.products()).collectItems()
            let sold = try #require(products.first { $0.inStock == false })
            let line = InvoiceLine(productId: sold.id, denomination: sold.packages.first.map { .package(id: $0.id) } ?? .amount(sold.range!.min))
            let error = await #expect(throws: APIError.self) {
                try await harness.client.send(Endpoints.createInvoice(InvoiceRequest(products: [line], autoPay: true)))
            }
            #expect(error?.errorCode == "out_of_stock")
        }
    }

    @Test func balanceTooLowIsRefusedAndNothingIsCharged() async throws {
        try await SandboxHarness.with(.observed, configure: { $0.initialBalance = 10 }) { harness in
            let request = InvoiceRequest(products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(100))], autoPay: true)
            let error = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.createInvoice(request)) }
            #expect(error?.errorCode == "balance_too_low")
            #expect(error?.message.contains("Top up the account balance") == true)
            let balance = try await harness.client.send(Endpoints.balance())
            #expect(balance.amount.minorUnits == 10)
        }
    }

    @Test func wrongAuthorizationSchemeIsUnauthorized() async throws {
        try await SandboxHarness.with(.observed, credentials: .basic(id: "sandbox-key", secret: "x")) { harness in
            let error = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.balance()) }
            #expect(error?.kind == .unauthorized)
            #expect(error?.status == 401)
        }
    }

    @Test func basicCredentialsAreAccepted() async throws {
        try await SandboxHarness.with(.docs, credentials: .basic(id: "sandbox-id", secret: "sandbox-secret")) { harness in
            let balance = try await harness.client.send(Endpoints.balance())
            #expect(balance.amount.currency == .btc)
        }
    }
}

/// `check_phone_number` in each of its shapes, and the operator errors of invoices.
@Suite struct PhoneContractTests {
    @Test(arguments: SandboxDialect.allCases)
    func phoneNumbersResolveToOneSeveralOrNoOperators(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let one = try await harness.client.send(Endpoints.checkPhoneNumber("+4915212345678"))
            #expect(one.operators.count == 1)
            let several = try await harness.client.send(Endpoints.checkPhoneNumber("+4915112345678"))
            #expect(several.operators.count > 1)
            if dialect == .docs {
                guard case .operators(let number, _) = several else { Issue.record("docs shape expected"); return }
                #expect(number == "+4915112345678")
            }
            let none = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.checkPhoneNumber("+4919912345678")) }
            #expect(none?.errorCode == "unsupported_operator")
            let bad = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.checkPhoneNumber("12345")) }
            #expect(bad?.errorCode == "invalid_phone_number")
        }
    }

    @Test func aNumberNoOperatorServesIsRefusedOnTheInvoice() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let operators = try await harness.client.send(Endpoints.checkPhoneNumber("+4915212345678")).operators
            let operatorID = try #require(operators.first?.id)
            let product = try await harness.client.send(Endpoints.product(id: operatorID))
            let denomination: InvoiceLine.Denomination = product.packages.first.map { .package(id: $0.id) } ?? .amount(product.range!.min)
            let request = InvoiceRequest(products: [InvoiceLine(productId: operatorID, denomination: denomination,
                                                                phoneNumber: "+4919912345678")], autoPay: true)
            let error = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.createInvoice(request)) }
            #expect(error?.errorCode == "unsupported_operator")
            #expect(error?.message.contains("storefront phone check") == true)
        }
    }
}
