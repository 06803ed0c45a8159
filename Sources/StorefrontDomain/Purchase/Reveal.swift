/// One order's secrets (code, PIN, link, eSIM activation) shown, copied or written out in full: what team mode's
/// audit records. It names the order, never the secret itself.
public struct Reveal: Sendable, Equatable, Hashable {
    /// How the secret left its mask. The raw values are what `team audit` prints and its JSON carries.
    public enum Way: String, Sendable, CaseIterable, Codable {
        /// `r` in the full-screen storefront (a purchase, or an invoice opened from the Account screen).
        case screen = "r"
        /// `--reveal` on a CLI command.
        case commandLine = "--reveal"
        /// A receipt file written with the codes in full (`W`, `invoice show --receipt`).
        case receipt
        /// `Y` copied it to the clipboard.
        case copy
    }

    /// The journal's purchase, when the order is one of its purchases (an invoice opened from the account may not be).
    public var purchaseId: String?
    public var invoiceId: String?
    public var orderId: String?
    public var way: Way

    public init(purchaseId: String?, invoiceId: String?, orderId: String?, way: Way) {
        self.purchaseId = purchaseId
        self.invoiceId = invoiceId
        self.orderId = orderId
        self.way = way
    }

    /// One reveal per order of `purchase` that has a secret to show: what printing or writing it in full gives away.
    public static func secrets(of purchase: Purchase, way: Way) -> [Reveal] {
        purchase.orders.filter { PurchaseValues.values(of: $0).contains(where: \.isSecret) }
            .map { Reveal(purchaseId: purchase.id, invoiceId: purchase.invoiceId, orderId: $0.id, way: way) }
    }
}
