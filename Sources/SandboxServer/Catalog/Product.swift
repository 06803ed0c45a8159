/// The four kinds of product the API sells.
enum ProductKind: String, Sendable, CaseIterable {
    case giftCard = "gift_card"
    case phoneRefill = "phone_refill"
    case esim
    case billPayment = "bill_payment"

    /// The live API's `recipient_type`, which stands in for the missing `type`.
    var recipientType: String {
        switch self {
        case .phoneRefill: "phone_number"
        case .billPayment: "account"
        case .giftCard, .esim: "none"
        }
    }
}

/// What a delivered order hands over.
enum RedemptionStyle: Sendable {
    case code
    case codeAndPin
    case link
    case barcode
    /// Airtime goes straight to the phone: no redemption info at all.
    case phoneTopUp
    case billReference
    /// An LPA activation string to show as a QR code.
    case esimProfile
}

/// Which phone numbers a phone product can top up.
enum PhoneCoverage: Sendable {
    /// A mobile operator: numbers with this calling code and one of these national prefixes.
    case prefixes(dialCode: String, prefixes: [String])
    /// A reseller: any mobile number of the country.
    case country(code: String)
    /// The test product: any well-formed number.
    case anyNumber
}

/// A fixed denomination. `label` is what the API calls its `value`: a number ("10") for most products,
/// a description ("3GB, 30 Days") for eSIM plans. Its id, `PRODUCT<&>LABEL`, is built when needed
/// rather than stored, which keeps a 200,000-product catalog quick to generate.
struct ProductPackage: Sendable {
    let label: String
    /// Face value in the product currency; for eSIM plans, the plan's price in it.
    let amount: Double
    /// Set for eSIM bundles.
    let dataMB: Int?

    init(label: String, amount: Double, dataMB: Int? = nil) {
        self.label = label
        self.amount = amount
        self.dataMB = dataMB
    }

    func id(in product: Product) -> String {
        "\(product.id)<&>\(label)"
    }

    /// The value as a number, for the docs dialect; nil for eSIM labels.
    var numericValue: Double? { dataMB == nil ? Double(label) : nil }
}

/// A range of free values: `min <= v <= max` and `(v - min)` a multiple of `step`.
struct ValueRange: Sendable {
    let min: Int
    let max: Int
    let step: Int

    func contains(_ value: Double) -> Bool {
        guard value >= Double(min), value <= Double(max) else { return false }
        let steps = (value - Double(min)) / Double(step)
        return steps == steps.rounded()
    }
}

struct Product: Sendable {
    let id: String
    let name: String
    let kind: ProductKind
    let countryCode: String
    let countryName: String
    let currency: String
    let categories: [String]
    /// Listing time, in milliseconds since 1970 (formatted when rendered).
    let createdMillis: Int64
    let image: String
    let inStock: Bool
    let packages: [ProductPackage]
    let range: ValueRange?
    /// Countries an eSIM plan works in; empty for other kinds.
    let coverage: [String]
    let redemption: RedemptionStyle
    let phoneCoverage: PhoneCoverage?
    /// Listed only with `include_test_products=true`.
    let isTest: Bool
    /// Orders for this product fail and are refunded (the `-fail` test products).
    let failsDelivery: Bool

    func package(id packageID: String) -> ProductPackage? {
        let prefix = "\(id)<&>"
        guard packageID.hasPrefix(prefix) else { return nil }
        let label = packageID.dropFirst(prefix.count)
        return packages.first { $0.label == label }
    }
}
