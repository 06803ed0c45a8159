import BitrefillAPI
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// Every example shape of the reference, in both dialects, through the real client.
@Suite struct DecodingTests {
    func decode<T: Sendable>(_ endpoint: Endpoint<T>, data: String) async throws -> T {
        let stub = StubTransport([Stub.data(data)])
        return try await stubbedClient(stub).send(endpoint)
    }

    @Test func liveProductDecodesWithStringValuesAndNoType() async throws {
        let product = try await decode(Endpoints.product(id: "test-gift-card-code"), data: """
        {"id":"test-gift-card-code","name":"Test Gift Card Code","country_code":"KN","country_name":"St Kitts and Nevis",
         "currency":"USD","categories":["gifts"],"created_time":"2021-10-21T12:04:11.677Z","recipient_type":"none",
         "image":"us","in_stock":true,"range":{"min":10,"max":100,"step":10,"price_rate":1666.33},
         "packages":[{"id":"test-gift-card-code<&>10","value":"10","price":16664,"amount":10}],"brand_new_field":{"x":1}}
        """)
        #expect(product.type == nil)
        #expect(product.countryCode == "KN")
        #expect(product.recipientType == RecipientType.none)
        #expect(product.packages == [ProductPackage(id: "test-gift-card-code<&>10", value: "10", price: 16664, amount: 10)])
        #expect(product.range == ProductRange(min: 10, max: 100, step: 10, priceRate: Decimal(string: "1666.33")))
        #expect(product.inStock == true)
    }
    @Test func documentedProductDecodesWithNumericValuesAndPackageIds() async throws {
        let product = try await decode(Endpoints.product(id: "amazon-us"), data: """
        {"id":"amazon-us","name":"Amazon US","type":"gift_card","country":"us","currency":"USD",
         "packages":[{"package_id":"amazon-us<&>25","value":25},{"package_id":"amazon-us<&>50","value":50}],
         "range":{"min":10,"max":200,"step":1}}
        """)
        #expect(product.type == .giftCard)
        #expect(product.countryCode == "US")
        #expect(product.packages.map(\.id) == ["amazon-us<&>25", "amazon-us<&>50"])
        #expect(product.packages.map(\.value) == ["25", "50"])
        #expect(product.packages.first?.price == nil)
    }

    @Test func esimPlanKeepsLabelsAndCoverage() async throws {
        let product = try await decode(Endpoints.esimPlan(id: "bitrefill-esim-europe"), data: """
        {"id":"bitrefill-esim-europe","name":"Bitrefill eSIM Europe","coverage":["de","FR","es"],
         "packages":[{"package_id":"bitrefill-esim-europe<&>1GB, 7 Days","value":"1GB, 7 Days"},
                     {"package_id":"bitrefill-esim-europe<&>5GB, 30 Days","value":"5GB, 30 Days"}]}
        """)
        #expect(product.coverage == ["DE", "FR", "ES"])
        #expect(product.packages.map(\.value) == ["1GB, 7 Days", "5GB, 30 Days"])
    }

    @Test func packageWithoutIdGetsTheConventionalOne() async throws {
        let product = try await decode(Endpoints.product(id: "x"), data: #"{"id":"x","packages":[{"value":5}]}"#)
        #expect(product.packages == [ProductPackage(id: "x<&>5", value: "5")])
        #expect(product.name == "x")
    }

    @Test func listDropsUndecodableProductsInsteadOfFailing() async throws {
        let stub = StubTransport([Stub.data(#"[{"id":"a","name":"A"},{"name":"no id"},{"id":"b","name":"B","range":"nonsense"}]"#)])
        let pages = try await stubbedClient(stub).pages(Endpoints.products()).reduce(into: [Page<Product>]()) { $0.append($1) }
        #expect(pages.count == 1)
        #expect(pages[0].items.map(\.id) == ["a", "b"])
        #expect(pages[0].droppedCount == 1)
        #expect(pages[0].items[1].range == nil)
    }

    @Test func liveInvoiceCarriesDeliveryRollUpAndPaymentStatus() async throws {
        let invoice = try await decode(Endpoints.invoice(id: "aa52049e-5a4b-451c-bd51-9807778eeef9"), data: """
        {"id":"aa52049e-5a4b-451c-bd51-9807778eeef9","created_time":"2026-01-02T03:04:05.678Z","status":"not_delivered",
         "payment":{"method":"usdc_base","address":"0x4696aa","currency":"USDC","price":10500000,"status":"unpaid","commission":0},
         "orders":[{"id":"6a2aa65dabde95de17c336f8","status":"created","product":{"id":"test-gift-card-code","name":"Test Gift Card Code","value":"10","currency":"USD"}}]}
        """)
        #expect(invoice.status == .notDelivered)
        #expect(invoice.payment?.method == .usdcBase)
        #expect(invoice.payment?.status == .unpaid)
        #expect(invoice.payment?.amountDue == Money(minorUnits: 10_500_000, currency: .usdc))
        #expect(invoice.payment?.amountDue?.formatted == "10.500000 USDC")
        #expect(invoice.orders.first?.status == .created)
        #expect(invoice.orders.first?.product?.value == "10")
    }

    @Test func documentedInvoiceWithWholeUnitPriceBecomesSats() async throws {
        let invoice = try await decode(Endpoints.invoice(id: "inv_abc123"), data: """
        {"id":"inv_abc123","status":"unpaid","payment":{"method":"bitcoin","address":"bc1qxyz","price":0.00123456},
         "orders":[{"id":"ord_xyz789","status":"created"}]}
        """)
        #expect(invoice.status == .unpaid)
        #expect(invoice.payment?.amountDue == Money(minorUnits: 123_456, currency: .btc))
    }

    @Test func unknownStatusesAreKeptAsWords() async throws {
        let invoice = try await decode(Endpoints.invoice(id: "i"), data: """
        {"id":"i","status":"quantum_superposition","payment":{"method":"dogecoin","status":"half_paid"},
         "orders":[{"id":"o","status":"teleporting"}]}
        """)
        #expect(invoice.status == .unknown("quantum_superposition"))
        #expect(invoice.payment?.method == .unknown("dogecoin"))
        #expect(invoice.payment?.status == .unknown("half_paid"))
        #expect(invoice.orders.first?.status == .unknown("teleporting"))
        #expect(invoice.status?.description == "quantum_superposition")
    }

    @Test func deliveredOrderCarriesEveryRedemptionField() async throws {
        let order = try await decode(Endpoints.order(id: "ord_xyz789"), data: """
        {"id":"ord_xyz789","status":"delivered","product":{"id":"amazon-us","name":"Amazon US","value":50},
         "redemption_info":{"code":"ABCD-EFGH-IJKL","link":"https://redeem.example/x","pin":"1234","instructions":"Go\\nthere",
          "other":"x","barcode_format":"QRCODE","barcode_value":"LPA:1$smdp.example.com$ACT","expiration_date":"2027-01-01",
          "extra_fields":{"serial":12345,"note":"hi","flag":true}}}
        """)
        let info = try #require(order.redemptionInfo)
        #expect(order.status == .delivered)
        #expect(order.product?.value == "50")
        #expect(info.code == "ABCD-EFGH-IJKL")
        #expect(info.pin == "1234")
        #expect(info.barcodeFormat == "QRCODE")
        #expect(info.barcodeValue == "LPA:1$smdp.example.com$ACT")
        #expect(info.extraFields == ["serial": "12345", "note": "hi", "flag": "true"])
    }

    @Test func failedOrderCarriesErrorAndRefund() async throws {
        let order = try await decode(Endpoints.order(id: "o"), data: """
        {"id":"o","status":"permanent_failure","error":"Provider temporarily unavailable","refund":{"amount":"16664","currency":"btc"}}
        """)
        #expect(order.status == .permanentFailure)
        #expect(order.error == "Provider temporarily unavailable")
        #expect(order.refund == Refund(amount: 16664, currency: "BTC"))
    }

    @Test func esimDetailsCarryPackageHistory() async throws {
        let esim = try await decode(Endpoints.esim(iccid: "4058965632381351147"), data: """
        {"id":"4058965632381351147","rsp_url":"smdp.example.com","pin":"1234","barcode_value":"LPA:1$smdp.example.com$X",
         "installed":false,"package_history":[{"package_name":"1GB, 7 Days","data_mb":1000,"status":"active","remaining_quantity":500000000}]}
        """)
        #expect(esim.installed == false)
        #expect(esim.packageHistory == [ESIMBundle(packageName: "1GB, 7 Days", dataMB: 1000, status: "active", remainingQuantity: 500_000_000)])
    }

    @Test func phoneCheckAcceptsAllThreeShapes() async throws {
        let one = try await decode(Endpoints.checkPhoneNumber("+15551234567"),
                                   data: #"{"id":"att-us","name":"AT&T","recipient_type":"phone_number"}"#)
        let several = try await decode(Endpoints.checkPhoneNumber("+15551234567"),
                                       data: #"[{"id":"att-us","name":"AT&T"},{"id":"tmobile-us","name":"T-Mobile"}]"#)
        let summary = try await decode(Endpoints.checkPhoneNumber("+15551234567"),
                                       data: #"{"phone_number":"+15551234567","operators":[{"id":"att-us","name":"AT&T"}]}"#)
        #expect(one.operators == [PhoneOperator(id: "att-us", name: "AT&T")])
        #expect(several.operators.map(\.id) == ["att-us", "tmobile-us"])
        #expect(summary == .operators(phoneNumber: "+15551234567", operators: [PhoneOperator(id: "att-us", name: "AT&T")]))
    }

    @Test func balanceIsInSmallestUnits() async throws {
        let balance = try await decode(Endpoints.balance(), data: #"{"balance":"5000000","currency":"BTC"}"#)
        #expect(balance.amount == Money(minorUnits: 5_000_000, currency: .btc))
        #expect(balance.amount.formatted == "0.05000000 BTC")
    }

    @Test func garbageBodyIsAClearMalformedResponseError() async throws {
        // Every try answered with garbage: a GET asks again after an unreadable body, as after a 5xx.
        let stub = StubTransport(fallback: Stub.json("<html>Bad gateway</html>"))
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.balance()) }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.message.contains("cannot read (not valid JSON)") == true)
        #expect(error?.endpoint == "GET /accounts/balance")
    }

    @Test func truncatedBodyIsAMalformedResponseError() async throws {
        let stub = StubTransport(fallback: Stub.json(#"{"meta":{},"data":[{"id":"a","na"#))
        await #expect(throws: APIError.self) { try await stubbedClient(stub).pages(Endpoints.products()).collectItems() }
    }
}

