/// The live API's test products, shaped like the live `test-gift-card-code`, plus two test eSIM plans: one that
/// delivers, and `test-esim-fail`, whose orders (new eSIMs and top-ups alike) fail and are refunded, as the
/// `-fail` test products do.
/// They are listed only with `include_test_products=true` but can always be fetched and bought by id.
enum TestProducts {
    static let all: [Product] = [
        giftCard(id: "test-gift-card-code", name: "Test Gift Card Code", redemption: .code, fails: false),
        giftCard(id: "test-gift-card-code-fail", name: "Test Gift Card Code Fail", redemption: .code, fails: true),
        giftCard(id: "test-gift-card-link", name: "Test Gift Card Link", redemption: .link, fails: false),
        giftCard(id: "test-gift-card-link-fail", name: "Test Gift Card Link Fail", redemption: .link, fails: true),
        phoneRefill(id: "test-phone-refill", name: "Test Phone Refill", fails: false),
        phoneRefill(id: "test-phone-refill-fail", name: "Test Phone Refill Fail", fails: true),
        esim(id: "test-esim", name: "Test eSIM", fails: false),
        esim(id: "test-esim-fail", name: "Test eSIM Fail", fails: true),
    ]

    /// 2021-10-21T12:04:11.677Z, as on the live test products.
    private static let createdMillis: Int64 = 1_634_817_851_677

    private static func giftCard(id: String, name: String, redemption: RedemptionStyle, fails: Bool) -> Product {
        Product(
            id: id, name: name, kind: .giftCard, countryCode: "KN", countryName: "St Kitts and Nevis", currency: "USD",
            categories: ["gifts"], createdMillis: createdMillis, image: "us", inStock: true,
            packages: [10, 50, 100].map { ProductPackage(label: "\($0)", amount: Double($0)) },
            range: ValueRange(min: 10, max: 100, step: 10), coverage: [], redemption: redemption,
            phoneCoverage: nil, isTest: true, failsDelivery: fails
        )
    }

    private static func phoneRefill(id: String, name: String, fails: Bool) -> Product {
        Product(
            id: id, name: name, kind: .phoneRefill, countryCode: "KN", countryName: "St Kitts and Nevis", currency: "USD",
            categories: ["refill"], createdMillis: createdMillis, image: "us", inStock: true,
            packages: [5, 10, 20].map { ProductPackage(label: "\($0)", amount: Double($0)) },
            range: ValueRange(min: 5, max: 50, step: 5), coverage: [], redemption: .phoneTopUp,
            phoneCoverage: .anyNumber, isTest: true, failsDelivery: fails
        )
    }

    private static func esim(id: String, name: String, fails: Bool) -> Product {
        Product(
            id: id, name: name, kind: .esim, countryCode: "KN", countryName: "St Kitts and Nevis", currency: "USD",
            categories: ["esim"], createdMillis: createdMillis, image: "us", inStock: true,
            packages: [
                ProductPackage(label: "1GB, 7 Days", amount: 1, dataMB: 1000),
                ProductPackage(label: "3GB, 30 Days", amount: 3, dataMB: 3000),
                ProductPackage(label: "10GB, 30 Days", amount: 10, dataMB: 10000),
            ],
            range: nil, coverage: ["KN", "US", "GB", "DE", "FR", "JP"], redemption: .esimProfile,
            phoneCoverage: nil, isTest: true, failsDelivery: fails
        )
    }
}
