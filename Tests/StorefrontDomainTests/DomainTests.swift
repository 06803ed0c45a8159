import Foundation
import StorefrontDomain
import Testing

@Suite struct DomainTests {
    @Test func moneyFormatsWithTheCurrencysDecimals() {
        #expect(Money(minorUnits: 123_000, currency: .btc).formatted == "0.00123000 BTC")
        #expect(Money(minorUnits: 1250, currency: .named("eur")).formatted == "12.50 EUR")
        #expect(Money(minorUnits: -5, currency: .named("USD")).formatted == "-0.05 USD")
        #expect(Money(minorUnits: 10_500_000, currency: .usdc).formatted == "10.500000 USDC")
        #expect(Money(minorUnits: 1500, currency: .named("JPY")).formatted == "1500 JPY")
    }

    @Test func theTimelineIsDataThatReadsAsWordsAndOldJournalsStillRead() throws {
        let entry = TimelineEntry(at: Date(timeIntervalSince1970: 100), .statusChanged(invoice: .allDelivered, payment: .paymentConfirmed))
        #expect(entry.text == "Invoice: all delivered, payment: payment confirmed")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        #expect(try decoder.decode(TimelineEntry.self, from: encoder.encode(entry)) == entry)
        let old = try decoder.decode(TimelineEntry.self, from: Data(#"{"at":100,"text":"Invoice 1 created"}"#.utf8))
        #expect(old.event == .note("Invoice 1 created"))
        #expect(TimelineEvent.settled(.partlyFailed).text.hasPrefix("Settled: "))
    }

    @Test func anAPIAmountIsSmallestUnitsWhenWholeAndWholeUnitsWhenFractionalNeverATrap() {
        #expect(Money.fromAPI(16667, currency: .btc) == Money(minorUnits: 16667, currency: .btc))
        #expect(Money.fromAPI(Decimal(string: "0.00123456")!, currency: .btc) == Money(minorUnits: 123_456, currency: .btc))
        #expect(Money.fromAPI(Decimal(string: "0.000000001")!, currency: .btc) == nil, "finer than a sat is not an amount")
        #expect(Money.fromAPI(Decimal(string: "1e30")!, currency: .btc) == nil)
        #expect(Money.fromAPI(Decimal.nan, currency: .btc) == nil)
    }

    @Test func aBalanceAfterSpendingSaysHowMuchIsLeftOrMissingAndNeverOverflows() {
        let balance = Money(minorUnits: 100, currency: .btc)
        #expect(balance.after(spending: 30).map { [$0.amount.minorUnits, $0.short ? 1 : 0] } == [70, 0])
        #expect(balance.after(spending: 130).map { [$0.amount.minorUnits, $0.short ? 1 : 0] } == [30, 1])
        #expect(Money(minorUnits: .min, currency: .btc).after(spending: 1) == nil)
        #expect(Money(minorUnits: 0, currency: .btc).after(spending: .min) == nil)
    }

    @Test func luhnAcceptsValidIccidsAndRefusesTypos() throws {
        let payload = "898830300000123456"
        let check = try #require(Luhn.checkDigit(for: payload))
        let iccid = payload + String(check)
        #expect(Luhn.isValid(iccid))
        var typo = Array(iccid)
        typo[5] = typo[5] == "9" ? "8" : "9"
        #expect(!Luhn.isValid(String(typo)))
        #expect(!Luhn.isValid("89883030000012345a7"))
        #expect(Luhn.isValid("79927398713"))
        #expect(!Luhn.isValid("79927398710"))
    }

    @Test func statusesRoundTripTheirWordsAndKeepUnknownOnes() throws {
        for status in OrderStatus.knownCases {
            #expect(OrderStatus(rawValue: status.rawValue) == status)
        }
        #expect(InvoiceStatus(rawValue: "all_delivered") == .allDelivered)
        #expect(InvoiceStatus(rawValue: "new_word") == .unknown("new_word"))
        let decoded = try JSONDecoder().decode([PaymentMethod].self, from: Data(#"["usdc_base","doge"]"#.utf8))
        #expect(decoded == [.usdcBase, .unknown("doge")])
        let encoded = String(decoding: try JSONEncoder().encode([ProductType.phoneRefill]), as: UTF8.self)
        #expect(encoded == #"["phone_refill"]"#)
    }
}
