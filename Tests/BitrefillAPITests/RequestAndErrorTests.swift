import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Testing

@Suite struct RequestAndErrorTests {
    @Test func bearerCredentialsAndUserAgentAreSent() async throws {
        let stub = StubTransport([Stub.data(#"{"message":"pong"}"#)])
        _ = try await stubbedClient(stub, credentials: .bearer(apiKey: "k-123")).send(Endpoints.ping())
        let sent = try #require(await stub.requests.first)
        #expect(sent.header("authorization") == "Bearer k-123")
        #expect(sent.header("user-agent")?.hasPrefix("storefront/") == true)
    }

    @Test func basicCredentialsAreBase64OfIdAndSecret() async throws {
        let stub = StubTransport([Stub.data(#"{"message":"pong"}"#)])
        _ = try await stubbedClient(stub, credentials: .basic(id: "id", secret: "s3cret")).send(Endpoints.ping())
        #expect(await stub.requests.first?.header("authorization") == "Basic aWQ6czNjcmV0")
    }

    @Test func phoneNumberPlusIsPercentEncoded() async throws {
        let stub = StubTransport([Stub.data(#"[]"#)])
        _ = try await stubbedClient(stub).send(Endpoints.checkPhoneNumber("+15551234567"))
        #expect(await stub.requests.first?.url.absoluteString == "https://api.example.test/v2/check_phone_number?phone_number=%2B15551234567")
    }

    @Test func productIdWithSymbolsIsOneEncodedPathComponent() async throws {
        let stub = StubTransport([Stub.data(#"{"id":"a b/c"}"#)])
        _ = try await stubbedClient(stub).send(Endpoints.product(id: "a b/c&d"))
        #expect(await stub.requests.first?.url.absoluteString == "https://api.example.test/v2/products/a%20b%2Fc%26d")
    }

    @Test func invoiceBodyUsesTheAPIsFieldNames() async throws {
        let request = InvoiceRequest(products: [
            InvoiceLine(productId: "amazon-us", denomination: .package(id: "amazon-us<&>50"), quantity: 2),
            InvoiceLine(productId: "steam-us", denomination: .amount(25)),
            InvoiceLine(productId: "esim-eu", denomination: .label("5GB, 30 Days"), esimId: "8988303000001234567"),
        ], paymentMethod: .bitcoin, autoPay: false, refundAddress: "bc1qrefund")
        let body = try #require(try Endpoints.createInvoice(request).body)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["payment_method"] as? String == "bitcoin")
        #expect(json["refund_address"] as? String == "bc1qrefund")
        let lines = try #require(json["products"] as? [[String: Any]])
        #expect(lines[0]["package_id"] as? String == "amazon-us<&>50")
        #expect(lines[0]["quantity"] as? Int == 2)
        #expect(lines[1]["value"] as? Int == 25)
        #expect(lines[2]["value"] as? String == "5GB, 30 Days")
        #expect(lines[2]["esim_id"] as? String == "8988303000001234567")
        #expect(request.unitCount == 4)
    }

    @Test(arguments: [
        ("unsupported_payment_method", "payment method is not accepted"),
        ("missing_param", "Missing required parameter: product_id"),
        ("parse_error", "Storefront bug"),
        ("not_found", "refresh the catalog"),
        ("out_of_stock", "try later or pick another product"),
        ("invalid_param", "correct it"),
        ("too_many_items", "split the cart"),
        ("create_invoice_failed", "Try again later"),
        ("balance_too_low", "Top up the account balance"),
        ("invalid_phone_number", "E.164"),
        ("unsupported_operator", "storefront phone check"),
        ("invalid_value", "minimum, maximum and step"),
        ("invalid_package_id", "pick a listed one"),
        ("invalid_quantity", "at least 1"),
    ])
    func everyDocumentedErrorCodeGetsAdvice(code: String, advice: String) async throws {
        let body = #"{"meta":{"_endpoint":"/invoices"},"error_code":"\#(code)","message":"Missing required parameter: product_id"}"#
        let stub = StubTransport([Stub.json(body, status: code == "create_invoice_failed" ? 500 : 400)])
        let request = InvoiceRequest(products: [InvoiceLine(productId: "p", denomination: .amount(1))])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(error?.errorCode == code)
        #expect(error?.endpoint == "POST /invoices")
        #expect(error?.message.contains(advice) == true, "\(error?.message ?? "")")
    }

    @Test(arguments: [
        (401, #"{"message":"Unauthorized"}"#, APIError.Kind.unauthorized, "BITREFILL_API_KEY"),
        (403, #"{"error":"Forbidden"}"#, .forbidden, "suspended"),
        (404, #"{"error":"Not found"}"#, .notFound, "Check the id"),
        (503, "<html>oops</html>", .serverError, "HTTP 503"),
    ])
    func httpStatusesWithoutACodeGetAdvice(status: Int, body: String, kind: APIError.Kind, advice: String) async throws {
        let stub = StubTransport([Stub.json(body, status: status)])
        let request = InvoiceRequest(products: [InvoiceLine(productId: "p", denomination: .amount(1))])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(request)) }
        #expect(error?.kind == kind)
        #expect(error?.message.contains(advice) == true, "\(error?.message ?? "")")
    }

    @Test func serverTextInErrorsIsSanitised() async throws {
        let stub = StubTransport([Stub.json(#"{"error_code":"out_of_stock","message":"Gone\u001b]0;pwned\u0007 now\u202e"}"#, status: 400)])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.balance()) }
        #expect(error?.serverMessage == "Gone now")
    }

    @Test func secretsNeverAppearInDescriptions() {
        let bearer = Credentials.bearer(apiKey: "sk_live_SECRET")
        let basic = Credentials.basic(id: "acct", secret: "TOPSECRET")
        for credentials in [bearer, basic] {
            var dumped = ""
            dump(credentials, to: &dumped)
            for text in [credentials.description, String(reflecting: credentials), "\(credentials)", dumped] {
                #expect(!text.contains("SECRET"), "\(text)")
            }
        }
        #expect(bearer.redact("header was Bearer sk_live_SECRET") == "header was [redacted]")
    }
}
