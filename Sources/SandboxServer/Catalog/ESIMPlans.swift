/// Regions and data bundles for eSIM plans.
enum ESIMPlans {
    struct Region: Sendable {
        let name: String
        /// The country a regional plan is listed under (`country_code`); `coverage` says where it works.
        let homeCountry: String
        let coverage: [String]
        /// Price multiplier against a single-country plan.
        let priceFactor: Double
    }

    struct Bundle: Sendable {
        let label: String
        let dataMB: Int
        /// Price of a single-country plan, in USD.
        let baseUSD: Double
    }

    static let regions: [Region] = [
        Region(name: "Europe", homeCountry: "FR", coverage: [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH", "GB",
        ], priceFactor: 1.3),
        Region(name: "Asia", homeCountry: "SG", coverage: [
            "CN", "HK", "TW", "JP", "KR", "PH", "VN", "TH", "MY", "SG", "ID", "IN", "LK", "BD", "PK", "NP",
        ], priceFactor: 1.4),
        Region(name: "North America", homeCountry: "US", coverage: ["US", "CA", "MX"], priceFactor: 1.2),
        Region(name: "Latin America", homeCountry: "BR", coverage: [
            "MX", "BR", "AR", "CL", "CO", "PE", "UY", "EC", "GT", "CR", "PA", "DO",
        ], priceFactor: 1.5),
        Region(name: "Middle East", homeCountry: "AE", coverage: ["AE", "SA", "QA", "IL", "TR", "EG"], priceFactor: 1.5),
        Region(name: "Africa", homeCountry: "ZA", coverage: ["ZA", "NG", "KE", "GH", "MA", "EG", "TN"], priceFactor: 1.8),
        Region(name: "Oceania", homeCountry: "AU", coverage: ["AU", "NZ"], priceFactor: 1.1),
        Region(name: "Global", homeCountry: "US", coverage: Countries.all.map(\.code), priceFactor: 2.2),
    ]

    static let bundles: [Bundle] = [
        Bundle(label: "1GB, 7 Days", dataMB: 1000, baseUSD: 4.5),
        Bundle(label: "3GB, 30 Days", dataMB: 3000, baseUSD: 9),
        Bundle(label: "5GB, 30 Days", dataMB: 5000, baseUSD: 13.5),
        Bundle(label: "10GB, 30 Days", dataMB: 10000, baseUSD: 22),
        Bundle(label: "20GB, 90 Days", dataMB: 20000, baseUSD: 38),
        Bundle(label: "50GB, 180 Days", dataMB: 50000, baseUSD: 79),
    ]

}
