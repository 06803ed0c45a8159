/// What a product carries that says what it sells. The documented dialect sends `type`; the live API omits it,
/// so the rest is what the type is derived from.
public struct ProductSignals: Sendable, Hashable {
    /// `type` as sent, when sent.
    public var declaredType: ProductType?
    public var recipientType: RecipientType?
    public var categories: [String]
    /// The product is listed by `GET /products/esims`, or carries a `coverage` list (only eSIM plans do).
    public var isESIMPlan: Bool

    public init(declaredType: ProductType? = nil, recipientType: RecipientType? = nil, categories: [String] = [],
                isESIMPlan: Bool = false) {
        self.declaredType = declaredType
        self.recipientType = recipientType
        self.categories = categories
        self.isESIMPlan = isESIMPlan
    }
}

/// Which signal decided a product's type, so `catalog show` can say why a product sits in its tab.
public enum ClassificationBasis: String, Sendable, Hashable, Codable, CaseIterable {
    case declared
    case esimListing = "esim_listing"
    case esimCategory = "esim_category"
    case phoneRecipient = "phone_recipient"
    case accountRecipient = "account_recipient"
    case billCategory = "bill_category"
    case refillCategory = "refill_category"
    case fallback

    /// "derived from the eSIM plan listing": how `catalog show` explains the type.
    public var explanation: String {
        switch self {
        case .declared: "as sent by the API"
        case .esimListing: "derived: listed as an eSIM plan"
        case .esimCategory: "derived: an eSIM category"
        case .phoneRecipient: "derived: delivered to a phone number"
        case .accountRecipient: "derived: delivered to a customer account"
        case .billCategory: "derived: a bill category"
        case .refillCategory: "derived: a top-up category"
        case .fallback: "derived: delivers a code or link"
        }
    }
}

/// The rule that gives every product one of the four known types, so the catalog can always be browsed by type.
///
/// The first rule that applies wins:
/// 1. `type` names a known type (gift_card, phone_refill, esim, bill_payment): it is used as sent.
///    An unknown word is treated as absent.
/// 2. The product is listed by `GET /products/esims` or carries `coverage`: esim.
/// 3. A category names eSIMs (a word `esim`/`esims`): esim.
/// 4. `recipient_type` is `phone_number`: phone_refill.
/// 5. `recipient_type` is `account`: bill_payment.
/// 6. A category names bills (`bill`, `bills`, `bill_payment`, `utilities`, `utility`): bill_payment.
/// 7. A category names top-ups (`refill`, `topup`/`top-up`, `airtime`, `mobile`, `phone`): phone_refill.
/// 8. Otherwise gift_card: nothing is sent anywhere, so a code or link is delivered.
///
/// eSIM signals come before the recipient because eSIM plans are bought without a recipient; recipients come
/// before categories because they decide what the purchase form asks for.
public enum ProductClassifier {
    public static func classify(_ signals: ProductSignals) -> (type: ProductType, basis: ClassificationBasis) {
        if let declared = signals.declaredType, ProductType.knownCases.contains(declared) {
            return (declared, .declared)
        }
        if signals.isESIMPlan { return (.esim, .esimListing) }
        let words = Set(signals.categories.flatMap(categoryWords))
        if !words.isDisjoint(with: esimWords) { return (.esim, .esimCategory) }
        switch signals.recipientType {
        case .phoneNumber?: return (.phoneRefill, .phoneRecipient)
        case .account?: return (.billPayment, .accountRecipient)
        default: break
        }
        if !words.isDisjoint(with: billWords) { return (.billPayment, .billCategory) }
        if !words.isDisjoint(with: refillWords) { return (.phoneRefill, .refillCategory) }
        return (.giftCard, .fallback)
    }

    static let esimWords: Set<String> = ["esim", "esims"]
    static let billWords: Set<String> = ["bill", "bills", "billpayment", "billpayments", "utilities", "utility"]
    static let refillWords: Set<String> = ["refill", "refills", "topup", "topups", "airtime", "mobile", "phone"]

    /// The words of a category, plus the category with separators removed, so `top-up`, `top_up` and
    /// `topup` all read as "topup" and `bill-payment` as "billpayment".
    static func categoryWords(_ category: String) -> [String] {
        let lowered = category.lowercased()
        let words = lowered.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return words + [words.joined()]
    }
}
