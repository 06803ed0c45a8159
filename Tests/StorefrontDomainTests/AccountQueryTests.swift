import Foundation
import StorefrontDomain
import Testing

@Suite struct AccountQueryTests {
    static let day = Date(timeIntervalSince1970: 1_800_000_000)

    static let steam = AccountInvoice(
        id: "aa52049e-5a4b-451c-bd51-9807778eeef9", createdAt: day, status: .allDelivered, paymentStatus: .paymentConfirmed,
        paymentMethod: .balance, email: "ana@example.com",
        orders: [AccountOrder(id: "6a2aa65dabde95de17c336f8", status: .delivered, productId: "steam-usa", productName: "Steam USA", value: "20 USD")])
    static let refill = AccountInvoice(
        id: "bb000000-0000-4000-8000-000000000001", createdAt: day.addingTimeInterval(3600), status: .notDelivered, paymentStatus: .unpaid,
        paymentMethod: .bitcoin,
        orders: [AccountOrder(id: "7b0000000000000000000001", status: .created, productName: "Vodafone Italy", value: "10 EUR",
                              phoneNumber: "+393401234567"),
                 AccountOrder(id: "7b0000000000000000000002", status: .created, productName: "Test eSIM", esimId: "8988247000001234567")])

    @Test(arguments: [
        ("aa52049e", ["aa52049e-5a4b-451c-bd51-9807778eeef9"]),
        ("6a2aa65d", ["aa52049e-5a4b-451c-bd51-9807778eeef9"]),
        ("steam", ["aa52049e-5a4b-451c-bd51-9807778eeef9"]),
        ("ANA@EXAMPLE", ["aa52049e-5a4b-451c-bd51-9807778eeef9"]),
        ("+39 340 123", ["bb000000-0000-4000-8000-000000000001"]),
        ("3401234567", ["bb000000-0000-4000-8000-000000000001"]),
        ("8988247000001234567", ["bb000000-0000-4000-8000-000000000001"]),
        ("vodafone 10", ["bb000000-0000-4000-8000-000000000001"]),
        ("nothing-like-this", []),
        ("", ["aa52049e-5a4b-451c-bd51-9807778eeef9", "bb000000-0000-4000-8000-000000000001"]),
    ])
    func searchFindsAnInvoiceByIdProductPhoneEmailOrICCID(search: String, expected: [String]) {
        let query = AccountQuery(search: search)
        #expect([Self.steam, Self.refill].filter(query.matches).map(\.id) == expected)
    }

    /// `/07700900123` on the Account screen, as a British customer reads out their number, finds `+44 7700 900123`;
    /// so does `0044…`, and the number with spaces or dashes.
    @Test(arguments: ["07700900123", "07700 900123", "0770-090-0123", "00447700900123", "+44 7700 900123", "+44 (0)7700 900123"])
    func aPhoneNumberTypedInNationalFormFindsItsInvoice(typed: String) {
        let uk = AccountInvoice(id: "cc000000-0000-4000-8000-000000000001", createdAt: Self.day,
                                orders: [AccountOrder(id: "8c0000000000000000000001", productName: "Sigma Cellular", value: "10 GBP",
                                                      phoneNumber: "+44 7700 900123")])
        #expect([Self.steam, Self.refill, uk].filter(AccountQuery(search: typed).matches).map(\.id) == [uk.id])
    }

    @Test func sinceIsInclusiveAndUntilExclusive() {
        let both = [Self.steam, Self.refill]
        #expect(both.filter(AccountQuery(since: Self.day).matches).count == 2)
        #expect(both.filter(AccountQuery(since: Self.day.addingTimeInterval(1)).matches).map(\.id) == [Self.refill.id])
        #expect(both.filter(AccountQuery(until: Self.day.addingTimeInterval(3600)).matches).map(\.id) == [Self.steam.id])
    }

    @Test func statusMatchesTheInvoicePaymentOrAnOrder() {
        let both = [Self.steam, Self.refill]
        #expect(both.filter(AccountQuery(status: "unpaid").matches).map(\.id) == [Self.refill.id])
        #expect(both.filter(AccountQuery(status: "DELIVERED").matches).map(\.id) == [Self.steam.id])
        #expect(both.filter(AccountQuery(status: "all_delivered").matches).map(\.id) == [Self.steam.id])
        #expect(Self.refill.orders.filter(AccountQuery(status: "created").matches).count == 2)
    }

    @Test func aDayGivenToUntilIncludesTheWholeDay() throws {
        let since = try #require(AccountDateBound.since("2026-12-05"))
        let until = try #require(AccountDateBound.until("2026-12-05"))
        #expect(until.timeIntervalSince(since) == 86_400)
        #expect(AccountDateBound.until("2026-12-05T10:00:00Z") == AccountDateBound.since("2026-12-05T10:00:00Z"))
        #expect(AccountDateBound.since("yesterday") == nil)
    }

    @Test func itemsGroupTheSameProductAndValue() {
        let invoice = AccountInvoice(id: "x", orders: [
            AccountOrder(id: "1", productName: "Steam", value: "20 USD"), AccountOrder(id: "2", productName: "Steam", value: "20 USD"),
            AccountOrder(id: "3", productName: "Netflix", value: "15 EUR"),
        ])
        #expect(invoice.items == "Steam 20 USD ×2, Netflix 15 EUR")
    }
}
