/// A validated `POST /invoices` or `POST /esims` body: every product exists, every value is allowed,
/// every phone number is served. What remains for the store to check is state: the eSIMs named for
/// top-up, and the balance when paying at once.
struct Purchase: Sendable {
    struct Line: Sendable {
        let product: Product
        /// The value as the API shows it: "10", or an eSIM bundle label.
        let label: String
        /// Face value (or eSIM price) in the product currency.
        let amount: Double
        let quantity: Int
        /// E.164, for phone refills.
        let phoneNumber: String?
        /// The ICCID to top up, when the line is an eSIM top-up.
        let esimID: String?
    }

    let lines: [Line]
    let method: PaymentMethod
    /// Pay from the balance at once (balance invoices only; ignored for crypto methods).
    let autoPay: Bool
    let refundAddress: String?
    let webhookURL: String?
    let email: String?
}

/// Which endpoint a purchase came through: `/esims` accepts eSIM plans only.
enum PurchaseEndpoint: Sendable {
    case invoices
    case esims
}
