import BitrefillAPI
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// Numbers from the server are converted only when they fit: what does not is dropped, never wrapped or trapped on.
@Suite struct HostileNumberTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func status(_ headers: [String: String]) -> RateLimitStatus? {
        RateLimitStatus.parse(HTTPResponseData(status: 429, headers: headers), now: now)
    }

    @Test(arguments: ["NaN", "nan", "inf", "-inf", "1e400", "9223372036854775808", "-1", "-9223372036854775809", "1e19", "abc", ""])
    func rateLimitCountsThatDoNotFitAreIgnored(_ text: String) {
        let parsed = status(["x-ratelimit-limit": text, "x-ratelimit-remaining": text])
        #expect(parsed?.limit == nil)
        #expect(parsed?.remaining == nil)
    }

    @Test(arguments: ["NaN", "1e400", "-1e400", "1e300", "-1e300", "9223372036854775808"])
    func absurdResetTimesAreIgnored(_ text: String) {
        for name in ["x-ratelimit-reset", "ratelimit-reset", "retry-after"] {
            #expect(status([name: text])?.resetAt == nil, "\(name): \(text)")
        }
    }

    @Test func aPlausibleBudgetIsStillRead() {
        let parsed = status(["ratelimit-limit": "60", "ratelimit-remaining": "0", "ratelimit-reset": "42.5"])
        #expect(parsed == RateLimitStatus(limit: 60, remaining: 0, resetAt: now.addingTimeInterval(42.5)))
    }

    @Test func secondsUntilAResetNeverTrap() {
        #expect(RateLimitStatus.seconds(from: now, to: Date(timeIntervalSince1970: .infinity)) == 86_400)
        #expect(RateLimitStatus.seconds(from: now, to: Date(timeIntervalSince1970: .nan)) == 0)
        #expect(RateLimitStatus.seconds(from: now, to: now.addingTimeInterval(-5)) == 0)
        #expect(RateLimitStatus.seconds(from: now, to: now.addingTimeInterval(4.2)) == 5)
    }

    @Test func aTooManyRequestsWithHostileHeadersIsAPlainError() async throws {
        let stub = StubTransport(fallback: Stub.json(#"{"message":"slow down"}"#, status: 429,
                                                     headers: ["x-ratelimit-reset": "1e308", "x-ratelimit-limit": "NaN", "x-ratelimit-remaining": "-4"]))
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.createInvoice(
            InvoiceRequest(products: [InvoiceLine(productId: "p", denomination: .amount(1))]))) }
        #expect(error?.kind == .rateLimited)
    }

    @Test(arguments: ["9223372036854775808", "\"9223372036854775808\"", "1e30", "\"NaN\"", "-9223372036854775809"])
    func aBalanceThatDoesNotFitIsNotReadAsAnotherNumber(_ amount: String) async throws {
        let stub = StubTransport([Stub.data(#"{"balance":\#(amount),"currency":"BTC"}"#)])
        let error = await #expect(throws: APIError.self) { try await stubbedClient(stub).send(Endpoints.balance()) }
        #expect(error?.kind == .malformedResponse)
    }

    @Test func theLargestBalanceThatFitsIsRead() async throws {
        let stub = StubTransport([Stub.data(#"{"balance":"9223372036854775807","currency":"BTC"}"#)])
        #expect(try await stubbedClient(stub).send(Endpoints.balance()).amount.minorUnits == .max)
    }

    @Test(arguments: ["123456789012345678901234567890", "\"1e30\"", "\"NaN\"", "0.000000000000000000001"])
    func anAmountDueThatDoesNotFitIsUnknown(_ price: String) async throws {
        let stub = StubTransport([Stub.data(#"{"id":"inv-1","payment":{"method":"bitcoin","currency":"BTC","price":\#(price)}}"#)])
        let invoice = try await stubbedClient(stub).send(Endpoints.invoice(id: "inv-1"))
        #expect(invoice.payment?.amountDue == nil)
    }
}
