import Foundation
import StorefrontDomain
import StorefrontTUI

/// A small catalog and app states built from it, for reduce and screen tests.
public enum SampleApp {
    public static let now = Date(timeIntervalSince1970: 1_795_000_000)

    public static let countries = [
        CountrySummary(code: "DE", name: "Germany", giftCards: 120, phoneRefills: 8, esims: 30, billPayments: 4),
        CountrySummary(code: "JP", name: "Japan", giftCards: 40, phoneRefills: 3, esims: 25),
        CountrySummary(code: "US", name: "United States", giftCards: 300, phoneRefills: 12, esims: 30, billPayments: 20),
    ]

    public static let products = [
        ProductSummary(id: "cafe-muller-de", name: "Café Müller", type: .giftCard, countryCode: "DE", countryName: "Germany",
                       currency: "EUR", packageValues: ["10", "25", "50"]),
        ProductSummary(id: "nordic-books-de", name: "Nordic Books", type: .giftCard, countryCode: "DE", countryName: "Germany",
                       currency: "EUR", range: ValueRange(min: 5, max: 200, step: 5)),
        ProductSummary(id: "uniqlo-jp", name: "ユニクロ Gift", type: .giftCard, countryCode: "JP", countryName: "Japan",
                       currency: "JPY", inStock: false, packageValues: ["1000", "3000"]),
        ProductSummary(id: "test-phone-refill", name: "Test Phone Refill", type: .phoneRefill, countryCode: "US",
                       countryName: "United States", currency: "USD", range: ValueRange(min: 5, max: 50, step: 5)),
    ]

    public static func detail(_ summary: ProductSummary) -> ProductDetail {
        let packages = summary.packageValues.map { PackageOption(id: "\(summary.id)<&>\($0)", value: $0, price: (Int64($0) ?? 1) * 1_800) }
        let range = summary.range.map { ValueRange(min: $0.min, max: $0.max, step: $0.step, priceRateMicros: 1_666_670_000) }
        return ProductDetail(summary: summary, typeBasis: .declared, recipientType: summary.type == .phoneRefill ? .phoneNumber : RecipientType.none,
                             categories: ["gifts"], denominations: Denominations(packages: packages, range: range, currency: summary.currency),
                             priceCurrency: "BTC", firstSeen: now, updated: now)
    }

    /// The browser after start-up: countries, the first page of products and the first product's detail.
    public static func browsing(width: Int = 120, height: Int = 40, sandbox: Bool = true) -> AppState {
        var state = AppState(width: width, height: height, connection: ConnectionInfo(isSandbox: sandbox, host: "api.bitrefill.com"), now: now)
        state.balance = Money(minorUnits: 5_000_000, currency: .btc)
        state.catalog.productCount = 5_012
        state.catalog.refreshedAt = now.addingTimeInterval(-180)
        state.browser.countries = countries
        let query = CatalogQuery(limit: 100)
        state.browser.query = query
        state.browser.products = products
        state.browser.totalProducts = products.count
        state.browser.detail = detail(products[0])
        return state
    }
}
