import Foundation
import StorefrontDomain

/// What happened to a purchase at the edge: the checkout engine's answers, the journal's lists, the QR encoder.
public enum CheckoutEvent: Sendable, Equatable {
    /// The create came back: an invoice, a refusal, or a lost answer and what its reconciliation found.
    case placed(Purchase)
    /// Nothing was sent: the purchase could not even be written to the journal.
    case placeFailed(String)
    /// Nothing was sent: an identical cart was bought moments ago. The user is asked before it is bought again.
    case placeRefusedAsRepeat(String, PurchasePlan)
    /// A look at the invoice, a payment or a follow's end changed the purchase. `follow` is nil when no
    /// further check is scheduled (settled, waiting for `p`, or stopped).
    case updated(Purchase, follow: FollowStatus?)
    /// Following stopped on an error that waiting does not cure.
    case followFailed(purchaseId: String, message: String)
    /// Paying or simulating a payment failed; the purchase itself is unchanged.
    case requestFailed(String)
    /// The sandbox accepted a simulated payment; it is detected after its delay.
    case paymentSimulated(purchaseId: String)
    /// Unfinished purchases of this API found at start; they are being followed again.
    case resumed([Purchase])
    /// Unfinished purchases no storefront works any more (their host was killed), found by the background check;
    /// this storefront now follows them.
    case takenUp([Purchase])
    /// Unfinished purchases no storefront works, found by a storefront that cannot finish them (a lookup agent's):
    /// they wait for a buyer's storefront.
    case waitingForABuyer([Purchase])
    /// Purchases that changed in the team journal (any agent's, this host's included), as the team feed read them.
    case teamChanged([Purchase])
    /// The history's purchases matching the search words `filter` (and, in team mode, made by `agent`).
    case historyLoaded([Purchase], filter: String, agent: String? = nil)
    case historyFailed(String)
    case qrEncoded(payload: String, QRMatrix)
    case qrFailed(payload: String, message: String)
    /// A receipt file was written at this path.
    case receiptWritten(path: String)
    /// The team's audit recorded the reveal: do what was asked.
    case revealRecorded(RevealRequest)
    /// The team's audit could not record the reveal: nothing is shown or copied.
    case revealRefused(String)
}

/// What `r` or `Y` asked for in team mode, done once the audit has recorded it.
public enum RevealRequest: Sendable, Equatable {
    /// `r` on the purchase screen: show this order's secrets for 30 s.
    case order(purchaseId: String, orderId: String)
    /// `r` on an invoice opened from the Account screen: show its codes for 30 s.
    case accountInvoice(invoiceId: String)
    /// `Y`: copy this value of the purchase (by its place in the screen's list of values).
    case copy(purchaseId: String, valueIndex: Int)
}

/// Checkout work for the edge, as data.
public enum CheckoutEffect: Sendable, Equatable {
    /// Journal the intent, create the invoice, answer with `.placed`.
    case place(PurchasePlan)
    /// Follow the invoice until it settles, answering with `.updated` after each look. Already followed: nothing.
    case follow(purchaseId: String)
    /// Cut the follow's wait short (or start following again).
    case checkNow(purchaseId: String)
    /// Pay a balance invoice that was created without auto-pay.
    case pay(purchaseId: String)
    /// Sandbox only: pretend the customer sent the coins.
    case simulatePayment(purchaseId: String, invoiceId: String)
    /// Find this API's unfinished purchases and follow them.
    case resumeUnfinished
    /// Read the history: search words, and whose purchases (nil: everyone's).
    case loadHistory(filter: String, agent: String? = nil)
    case encodeQR(String)
    /// Write the purchase's receipt to an owner-only file in the data directory; answers `.receiptWritten`.
    case writeReceipt(purchaseId: String)
    /// Team mode: record these reveals in the team's audit, then answer `.revealRecorded(then)` (or `.revealRefused`).
    case recordReveals([Reveal], then: RevealRequest)
}

/// What the review confirmed: the cart lines and how to pay. The edge turns it into the engine's request.
public struct PurchasePlan: Sendable, Equatable {
    public var lines: [CartLine]
    public var paymentMethod: PaymentMethod
    public var autoPay: Bool
    public var refundAddress: String?
    public var email: String?
    /// Confirmed although an identical cart was bought moments ago (or a colleague is buying for the same ticket).
    public var again: Bool
    /// The customer's ticket, from the review's Ticket field.
    public var ticket: String?

    public init(lines: [CartLine], paymentMethod: PaymentMethod, autoPay: Bool, refundAddress: String?, email: String?, again: Bool = false) {
        self.again = again
        self.lines = lines
        self.paymentMethod = paymentMethod
        self.autoPay = autoPay
        self.refundAddress = refundAddress
        self.email = email
    }
}
