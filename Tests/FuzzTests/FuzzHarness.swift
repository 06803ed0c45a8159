@testable import BitrefillAPI
import CatalogStore
@testable import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Synchronization

/// The response types of the API, each fuzzed through its own endpoint, mapper and renderer.
enum Target: String, CaseIterable, Sendable {
    case product, productPage, invoice, order, esim, esimPage, balance, phoneCheck, errorBody

    var seeds: [String] {
        switch self {
        case .product: SeedBodies.product
        case .productPage: SeedBodies.productPage
        case .invoice: SeedBodies.invoice
        case .order: SeedBodies.order
        case .esim: SeedBodies.esim
        case .esimPage: SeedBodies.esimPage
        case .balance: SeedBodies.balance
        case .phoneCheck: SeedBodies.phoneCheck
        case .errorBody: SeedBodies.error
        }
    }
}

/// What became of one body: decoded and mapped, or refused with an API error. Anything else is a finding.
enum Outcome: Sendable { case mapped, refused, unexpected(String) }

/// Answers every request with the response set for its route (orders apart from everything else), so one body can be
/// sent through the real client, the engine's mapping and the renderers.
final class ScriptedResponses: Sendable {
    private let responses = Mutex<[String: HTTPResponseData]>([:])

    func set(_ response: HTTPResponseData, orders: Bool = false) {
        responses.withLock { $0[orders ? "orders" : "other"] = response }
    }

    var transport: HTTPTransport {
        HTTPTransport { request in
            let route = request.url.path.contains("/orders/") ? "orders" : "other"
            return self.responses.withLock { $0[route] } ?? HTTPResponseData(status: 500)
        }
    }
}

/// One target's pipeline: a client on scripted responses with instant sleeps, and for invoices and orders the
/// purchase engine on an in-memory journal, so bodies go through `apply` and `merge` exactly as in `buy`.
struct FuzzHarness {
    let target: Target
    let responses = ScriptedResponses()
    let client: BitrefillClient
    let engine: PurchaseEngine
    let base: Purchase
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let statuses = [200, 200, 200, 201, 400, 401, 403, 404, 422, 429, 500, 502, 503, 520]
    static let hostileHeaders = ["NaN", "1e400", "-1", "9223372036854775808", "1e300", "-1e300", "inf", "", "60", "0", "1800000030"]

    init(_ target: Target) throws {
        self.target = target
        let configuration = ClientConfiguration(
            baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: "fuzz-key"),
            maxTransientRetries: 1, sleep: { _ in }, now: { Self.now }, random: { 0.5 })
        client = BitrefillClient(configuration: configuration, transport: responses.transport)
        let journal = try UserDatabase.inMemory()
        engine = PurchaseEngine(client: client, journal: journal, source: "fuzz", now: { Self.now }, makeID: { "p-fuzz" })
        base = Purchase(id: "p-fuzz", createdAt: Self.now, source: "fuzz", kind: .invoice,
                        lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 EUR",
                                             denomination: .value("10"), quantity: 1)],
                        paymentMethod: .balance, autoPay: true, stage: .created, invoiceId: "inv-1",
                        orders: [PurchaseOrder(id: "o-1", status: .processing)])
        try journal.recordIntent(base, requestHash: "fuzz", at: Self.now)
    }

    /// A response as a server might send it: mostly 200, with hostile rate-limit headers now and then.
    func response(_ body: [UInt8], using rng: inout SplitMix) -> HTTPResponseData {
        var headers: [String: String] = [:]
        if Int.random(in: 0..<4, using: &rng) == 0 {
            for name in ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "ratelimit-reset", "retry-after"]
            where Bool.random(using: &rng) {
                headers[name] = Self.hostileHeaders.randomElement(using: &rng)
            }
        }
        let status = target == .errorBody ? (Self.statuses.randomElement(using: &rng) ?? 400) : (Int.random(in: 0..<10, using: &rng) == 0 ? 503 : 200)
        return HTTPResponseData(status: status, headers: headers, body: Data(body))
    }

    func run(_ body: [UInt8], using rng: inout SplitMix) async -> Outcome {
        let answer = response(body, using: &rng)
        do {
            switch target {
            case .invoice:
                responses.set(answer)
                responses.set(HTTPResponseData(status: 200, body: Data(SeedBodies.order[0].utf8)), orders: true)
                try await followOnce()
            case .order:
                responses.set(HTTPResponseData(status: 200, body: Data(SeedBodies.invoice[1].utf8)))
                responses.set(answer, orders: true)
                try await followOnce()
                let order = try await client.send(Endpoints.order(id: "o-1"))
                _ = PurchaseReport.OrderReport(PurchaseOrder(order), reveal: false).text()
            default:
                responses.set(answer)
                try await fetchAndRender()
            }
            return .mapped
        } catch let error as APIError {
            _ = error.description
            _ = error.isTransient
            return .refused
        } catch let error as CheckoutError {
            _ = error.description
            return error.apiError == nil ? .unexpected("checkout: \(error)") : .refused
        } catch {
            return .unexpected("\(type(of: error)): \(error)")
        }
    }

    /// One look at the invoice through the engine (`apply`, then `merge` of the order's details), then the report
    /// and the purchase screen.
    private func followOnce() async throws {
        try await engine.journal.save(base, at: Self.now)
        let purchase = try await engine.refresh(base.id)
        _ = PurchaseReport(purchase, reveal: true).text
        _ = PurchaseReport(purchase, reveal: false).text
        var state = SampleApp.browsing(width: 80, height: 24)
        state.checkout.purchases[purchase.id] = purchase
        state.checkout.shown = ShownPurchase(purchaseId: purchase.id, returnTo: .browser)
        state.screen = .purchase
        _ = render(state).text
    }

    private func fetchAndRender() async throws {
        switch target {
        case .product:
            let product = try await client.send(Endpoints.product(id: "test-gift-card-code"))
            _ = product.detail(isESIMPlan: product.type == .esim, accountCurrency: "BTC", at: Self.now)
        case .productPage:
            for product in try await client.pages(Endpoints.products()).collectItems() {
                _ = product.detail(isESIMPlan: false, accountCurrency: "EUR", at: Self.now)
            }
        case .esim:
            let esim = ESIMDetails(try await client.send(Endpoints.esim(iccid: "8944500102198304826")))
            _ = ESIMReport(esim, planName: "Europe", newFrom: 1).lines(width: 80)
        case .esimPage:
            for esim in try await client.pages(Endpoints.esims()).collectItems() {
                _ = ESIMReport(ESIMDetails(esim), planName: nil).lines(width: 40)
            }
        case .balance:
            let balance = try await client.send(Endpoints.balance())
            _ = (balance.amount.formatted, balance.amount.after(spending: 16_667))
        case .phoneCheck:
            let result = try await client.send(Endpoints.checkPhoneNumber("+15551234567"))
            _ = PhoneOperatorChoice.all(in: result)
            _ = PhoneCheckReport(number: "+15551234567", note: nil, result: result, now: Self.now).lines(width: 80)
        case .errorBody:
            _ = try await client.send(Endpoints.invoice(id: "inv-1"))
        case .invoice, .order:
            break
        }
    }
}
