import Foundation
import StorefrontDomain
import Testing

@Suite struct ClassificationTests {
    private func type(_ signals: ProductSignals) -> ProductType { ProductClassifier.classify(signals).type }

    @Test func aDeclaredTypeWins() {
        #expect(type(ProductSignals(declaredType: .billPayment, recipientType: .phoneNumber, isESIMPlan: true)) == .billPayment)
    }

    @Test func anUnknownDeclaredTypeIsDerivedInstead() {
        let result = ProductClassifier.classify(ProductSignals(declaredType: .unknown("crypto"), recipientType: .phoneNumber))
        #expect(result.type == .phoneRefill)
        #expect(result.basis == .phoneRecipient)
    }

    @Test func eSIMSignalsComeBeforeTheRecipient() {
        #expect(type(ProductSignals(recipientType: .phoneNumber, isESIMPlan: true)) == .esim)
        #expect(type(ProductSignals(recipientType: RecipientType.none, categories: ["Travel eSIMs"])) == .esim)
    }

    @Test func theRecipientDecidesBeforeCategories() {
        #expect(type(ProductSignals(recipientType: .phoneNumber, categories: ["bills"])) == .phoneRefill)
        #expect(type(ProductSignals(recipientType: .account, categories: ["refill"])) == .billPayment)
    }

    @Test func categoriesDecideWhenTheRecipientSaysNothing() {
        #expect(type(ProductSignals(recipientType: RecipientType.none, categories: ["Bill-Payment"])) == .billPayment)
        #expect(type(ProductSignals(categories: ["utilities"])) == .billPayment)
        #expect(type(ProductSignals(categories: ["mobile_top-up"])) == .phoneRefill)
        #expect(type(ProductSignals(categories: ["top_up"])) == .phoneRefill)
        #expect(type(ProductSignals(categories: ["airtime"])) == .phoneRefill)
    }

    @Test func everythingElseIsAGiftCard() {
        let result = ProductClassifier.classify(ProductSignals(recipientType: RecipientType.none, categories: ["gifts", "games"]))
        #expect(result.type == .giftCard)
        #expect(result.basis == .fallback)
        #expect(type(ProductSignals()) == .giftCard)
    }
}

@Suite struct DenominationTests {
    let both = Denominations(packages: [PackageOption(id: "x<&>25", value: "25"), PackageOption(id: "x<&>50", value: "50")],
                             range: ValueRange(min: 10, max: 100, step: 10), currency: "USD")

    @Test func aPackageIsChosenByIdOrValue() throws {
        #expect(try both.choose("x<&>25") == .package(both.packages[0]))
        #expect(try both.choose("50") == .package(both.packages[1]))
        #expect(try both.choose(" 50.00 ") == .package(both.packages[1]))
    }

    @Test func aValueMustSatisfyMinMaxAndStep() throws {
        #expect(try both.choose("30") == .value(30))
        #expect(try both.choose("100") == .value(100))
        #expect(throws: DenominationError.self) { try both.choose("35") }
        #expect(throws: DenominationError.self) { try both.choose("110") }
        #expect(throws: DenominationError.self) { try both.choose("0") }
        #expect(throws: DenominationError.self) { try both.choose("ten") }
    }

    @Test func fractionalStepsAreExact() throws {
        let cents = Denominations(range: ValueRange(min: 0.5, max: 2, step: 0.1))
        #expect(try cents.choose("0.7") == .value(Decimal(string: "0.7")!))
        #expect(throws: DenominationError.self) { try cents.choose("0.75") }
    }

    @Test func theMessageSaysWhatIsAllowed() {
        let error = #expect(throws: DenominationError.self) { try both.choose("35") }
        #expect(error?.message == "\"35\" is not a step of 10 (nearest: 30 or 40). Choose 10 to 100 USD in steps of 10, or a package: 25, 50.")
        let packagesOnly = Denominations(packages: (1...14).map { PackageOption(id: "p\($0)", value: "\($0)GB") })
        #expect(packagesOnly.allowedDescription == "Choose a package: 1GB, 2GB, 3GB, 4GB, 5GB, 6GB, 7GB, 8GB, 9GB, 10GB, 11GB, 12GB and 2 more")
        #expect(Denominations(range: ValueRange(min: 5, max: 50, step: 1), currency: "EUR").allowedDescription
            == "Choose 5 to 50 EUR in steps of 1")
    }

    @Test func eSIMPackagesAreChosenByTheirLabelInAnyCase() throws {
        let plan = Denominations(packages: [PackageOption(id: "esim<&>3GB, 30 Days", value: "3GB, 30 Days")])
        #expect(try plan.choose("3gb, 30 days") == .package(plan.packages[0]))
    }

    @Test func aRangeValueIsPricedAtTheRate() {
        let range = ValueRange(min: 10, max: 100, step: 10, priceRateMicros: 1_666_330_000)
        #expect(range.price(of: 10) == 16_663)
    }
}

@Suite struct SearchTextTests {
    @Test func foldingIgnoresCaseAccentsAndPunctuation() {
        #expect(SearchText.fold("  Café de FLORE!! ") == "cafe de flore")
        #expect(SearchText.fold("EDF Électricité") == "edf electricite")
        #expect(SearchText.fold("AT&T 4G-LTE") == "at t 4g lte")
        #expect(SearchText.fold("Ålborg Øl") == "alborg øl")
    }

    @Test func searchWordsAreBounded() {
        #expect(SearchText.searchWords("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(SearchText.searchWords(String(repeating: "x", count: 100)) == [String(repeating: "x", count: 40)])
        #expect(SearchText.searchWords("\"*(){}^:").isEmpty)
    }

    @Test func typesAreReadAsPeopleTypeThem() throws {
        #expect(try ProductType.parse("gift_card") == .giftCard)
        #expect(try ProductType.parse("Gift-Card") == .giftCard)
        #expect(try ProductType.parse("eSIMs") == .esim)
        #expect(try ProductType.parse("phone_refill") == .phoneRefill)
        let error = #expect(throws: CatalogFilterError.self) { try ProductType.parse("crypto") }
        #expect(error?.message == "Unknown product type \"crypto\". Valid types: gift_card, phone_refill, esim, bill_payment.")
    }
}
