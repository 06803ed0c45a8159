import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontDomain
import Testing

/// Each of Bitrefill's test products bought from the balance and followed to its final state, in both dialects.
@Suite struct PurchaseContractTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var product: String
        var denomination: InvoiceLine.Denomination
        var phone: String?
        var delivers: Bool
        var hasCode: Bool
        var hasLink: Bool
        var testDescription: String { product }
    }

    static let testProducts: [Expectation] = [
        Expectation(product: "test-gift-card-code", denomination: .amount(10), delivers: true, hasCode: true, hasLink: false),
        Expectation(product: "test-gift-card-code-fail", denomination: .amount(10), delivers: false, hasCode: false, hasLink: false),
        Expectation(product: "test-gift-card-link", denomination: .amount(10), delivers: true, hasCode: false, hasLink: true),
        Expectation(product: "test-gift-card-link-fail", denomination: .amount(10), delivers: false, hasCode: false, hasLink: false),
        Expectation(product: "test-phone-refill", denomination: .amount(10), phone: "+15551234567", delivers: true, hasCode: false, hasLink: false),
        Expectation(product: "test-phone-refill-fail", denomination: .amount(10), phone: "+15551234567", delivers: false, hasCode: false, hasLink: false),
    ]

    @Test(arguments: SandboxDialect.allCases, testProducts)
    func testProductReachesItsFinalState(dialect: SandboxDialect, expected: Expectation) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let before = try await harness.client.send(Endpoints.balance()).amount.minorUnits
            let product = try await harness.client.send(Endpoints.product(id: expected.product))
            let line = InvoiceLine(productId: expected.product, denomination: denomination(for: product, fallback: expected.denomination),
                                   phoneNumber: expected.phone)
            let created = try await harness.client.send(Endpoints.createInvoice(InvoiceRequest(products: [line], autoPay: true)))
            #expect(created.orders.count == 1)
            #expect(created.payment?.method == .balance)
            #expect(created.payment?.address == nil)

            let settled = try await harness.followUntilSettled(created.id)
            #expect(settled.isSettled)
            let order = try #require(settled.orders.first)
            let after = try await harness.client.send(Endpoints.balance()).amount.minorUnits
            if expected.delivers {
                #expect(order.status == .delivered)
                #expect(after < before)
                let info = try await harness.client.send(Endpoints.order(id: order.id)).redemptionInfo
                #expect((info?.code != nil) == expected.hasCode)
                #expect((info?.link != nil) == expected.hasLink)
                if dialect == .docs { #expect(settled.status == .complete) } else { #expect(settled.status == .allDelivered) }
            } else {
                #expect(order.status?.isFailure == true, "\(String(describing: order.status))")
                #expect(after == before, "a failed order is refunded")
                let detail = try await harness.client.send(Endpoints.order(id: order.id))
                #expect(detail.refund?.amount != nil, "the order says what was refunded")
                #expect(detail.redemptionInfo?.code == nil)
            }
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func cryptoInvoiceIsPaidBySimulationThenDelivered(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let request = InvoiceRequest(products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(20), quantity: 2)],
                                         paymentMethod: .bitcoin, refundAddress: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
            let created = try await harness.client.send(Endpoints.createInvoice(request))
            #expect(created.orders.count == 2)
            let payment = try #require(created.payment)
            #expect(payment.address?.hasPrefix("bc1q") == true)
            #expect(payment.amountDue?.currency == .btc)
            #expect((payment.amountDue?.minorUnits ?? 0) > 0)
            #expect(!created.isSettled)

            try await harness.sandbox.control.simulatePayment(invoiceID: created.id)
            let settled = try await harness.followUntilSettled(created.id)
            #expect(settled.orders.allSatisfy { $0.status == .delivered })
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func balanceInvoicePaidExplicitlyChargesOnce(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let before = try await harness.client.send(Endpoints.balance()).amount.minorUnits
            let created = try await harness.client.send(Endpoints.createInvoice(InvoiceRequest(
                products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(10))], autoPay: false)))
            #expect(try await harness.client.send(Endpoints.balance()).amount.minorUnits == before)
            _ = try await harness.client.send(Endpoints.payInvoice(id: created.id))
            let settled = try await harness.followUntilSettled(created.id)
            #expect(settled.orders.first?.status == .delivered)
            let charged = before - (try await harness.client.send(Endpoints.balance()).amount.minorUnits)
            #expect(charged > 0)
            #expect(created.payment?.amountDue.map { $0.minorUnits == charged } ?? true)
        }
    }

    @Test func droppedConnectionAfterCreateIsAmbiguousAndTheInvoiceExistsOnce() async throws {
        try await SandboxHarness.with(.observed) { harness in
            await harness.sandbox.control.inject(ScriptedFault(.dropConnection, pathPrefix: "/invoices", method: "POST", timing: .afterHandling))
            let request = InvoiceRequest(products: [InvoiceLine(productId: "test-gift-card-code", denomination: .amount(10))], autoPay: true)
            let error = await #expect(throws: APIError.self) { try await harness.client.send(Endpoints.createInvoice(request)) }
            #expect(error?.outcome == .unknown)
            let listed = try await harness.client.pages(Endpoints.invoices()).collectItems()
            #expect(listed.count == 1)
            #expect(await harness.sandbox.control.invoiceCount() == 1)
        }
    }

    @Test func esimIsBoughtThenToppedUp() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let plan = try await harness.client.send(Endpoints.esimPlan(id: "test-esim"))
            let label = try #require(plan.packages.first?.value)
            let bought = try await harness.client.send(Endpoints.createESIMInvoice(InvoiceRequest(
                products: [InvoiceLine(productId: plan.id, denomination: .label(label))], autoPay: true)))
            let settled = try await harness.followUntilSettled(bought.id)
            let order = try #require(settled.orders.first)
            let info = try #require(try await harness.client.send(Endpoints.order(id: order.id)).redemptionInfo)
            #expect(info.barcodeFormat == "QRCODE")
            #expect(info.barcodeValue?.hasPrefix("LPA:1$") == true)

            let esims = try await harness.client.pages(Endpoints.esims()).collectItems()
            let esim = try #require(esims.first { $0.barcodeValue == info.barcodeValue })
            #expect(Luhn.isValid(esim.id))
            let bundlesBefore = try await harness.client.send(Endpoints.esim(iccid: esim.id)).packageHistory.count

            let topUp = try await harness.client.send(Endpoints.createESIMInvoice(InvoiceRequest(
                products: [InvoiceLine(productId: plan.id, denomination: .label(label), esimId: esim.id)], autoPay: true)))
            _ = try await harness.followUntilSettled(topUp.id)
            let after = try await harness.client.send(Endpoints.esim(iccid: esim.id))
            #expect(after.packageHistory.count == bundlesBefore + 1)
        }
    }

    private func denomination(for product: Product, fallback: InvoiceLine.Denomination) -> InvoiceLine.Denomination {
        if let range = product.range { return .amount(range.min) }
        if let package = product.packages.first { return .package(id: package.id) }
        return fallback
    }
}
