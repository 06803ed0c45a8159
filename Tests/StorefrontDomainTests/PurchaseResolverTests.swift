import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// What the user typed, checked against the product before any request: the same answer in `buy`,
/// `esim topup` and the TUI, because they all ask `PurchaseResolver`.
@Suite struct PurchaseResolverTests {
    static let books = SampleApp.detail(SampleApp.products[1])
    static let cafe = SampleApp.detail(SampleApp.products[0])
    static let phone = SampleApp.detail(SampleApp.products[3])
    static let esimPlan = SampleApp.detail(ProductSummary(id: "test-esim", name: "Test eSIM", type: .esim, packageValues: []))
        .with(packages: [PackageOption(id: "test-esim<&>3GB, 30 Days", value: "3GB, 30 Days", price: 9_000)])

    @Test(arguments: [("7", "is not a step of 5 (nearest: 5 or 10)"), ("abc", "is not available for this product"),
                      ("205", "is above the maximum of 200 EUR"), ("2", "is below the minimum of 5 EUR"), ("", "is not available for this product")])
    func aValueOffTheRangeIsRefusedNamingTheRuleAndTheRange(typed: String, broken: String) {
        #expect(throws: ResolutionError.denomination("\"\(typed)\" \(broken). Choose 5 to 200 EUR in steps of 5.")) {
            try PurchaseResolver.line(Self.books, .init(denomination: typed))
        }
    }

    @Test func aValueOnTheStepIsPricedAsAnEstimate() throws {
        let line = try PurchaseResolver.line(Self.books, .init(denomination: "15", quantity: 2))
        #expect(line.choice == .value(15))
        #expect(line.faceValue == "15 EUR")
        #expect(line.quantity == 2)
        #expect(line.priceIsEstimate)
    }

    @Test(arguments: ["cafe-muller-de<&>25", "25", "25.00"])
    func aPackageIsFoundByIdOrValue(typed: String) throws {
        let line = try PurchaseResolver.line(Self.cafe, .init(denomination: typed))
        #expect(line.choice == .package(Self.cafe.denominations.packages[1]))
        #expect(!line.priceIsEstimate)
    }

    @Test func aPhoneTopUpWithoutANumberIsRefused() {
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.phone, .init(denomination: "10")) }
        #expect(throws: ResolutionError.phone("\"12345\" has no country code: start with + and the country code, e.g. +15551234567.")) {
            try PurchaseResolver.line(Self.phone, .init(denomination: "10", phone: "12345"))
        }
        #expect((try? PurchaseResolver.line(Self.phone, .init(denomination: "10", phone: "+1 555 123 4567")))?.phoneNumber == "+15551234567")
    }

    @Test func aGiftCardTakesNoPhoneNumberAndNoICCID() {
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.cafe, .init(denomination: "25", phone: "+15551234567")) }
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.cafe, .init(denomination: "25", iccid: "8988247000000000019")) }
    }

    @Test func anESIMIsBoughtByItsBundleLabelAndToppedUpByAValidICCID() throws {
        let line = try PurchaseResolver.line(Self.esimPlan, .init(denomination: "3gb, 30 days", iccid: "8988247000000000019"))
        #expect(line.esimId == "8988247000000000019")
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.esimPlan, .init(denomination: "3GB, 30 Days", iccid: "8988247000000000018")) }
    }

    @Test func quantitiesOutsideOneToTwentyAreRefused() {
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.cafe, .init(denomination: "25", quantity: 0)) }
        #expect(throws: ResolutionError.self) { try PurchaseResolver.line(Self.cafe, .init(denomination: "25", quantity: 21)) }
    }

    @Test func anESIMPlanGoesToTheESIMEndpointWhetherNewOrATopUpAndAMixedCartToInvoices() throws {
        let newESIM = try PurchaseResolver.line(Self.esimPlan, .init(denomination: "3GB, 30 Days"))
        let topUp = try PurchaseResolver.line(Self.esimPlan, .init(denomination: "3GB, 30 Days", iccid: "8988247000000000019"))
        let card = try PurchaseResolver.line(Self.cafe, .init(denomination: "25"))
        #expect(PurchaseResolver.kind(of: [newESIM]) == .esim)
        #expect(PurchaseResolver.kind(of: [topUp]) == .esim)
        #expect(PurchaseResolver.kind(of: [newESIM, card]) == .invoice)
        #expect(PurchaseResolver.kind(of: [card]) == .invoice)
    }
}

extension ProductDetail {
    func with(packages: [PackageOption]) -> ProductDetail {
        var copy = self
        copy.denominations.packages = packages
        return copy
    }
}
