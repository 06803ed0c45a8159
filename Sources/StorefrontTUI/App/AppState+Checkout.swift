import Foundation
import StorefrontDomain

/// Everything about buying: the review form, the purchases this session knows (placed, resumed or opened
/// from the history), how their follows stand, the purchase on screen, QR codes, and the history list.
public struct CheckoutState: Sendable, Equatable {
    public var review = ReviewForm()
    /// The cart lines of the create in flight. While set, the review waits for the answer.
    public var placingLines: [String]?
    /// Cart line ids by purchase, for creates whose fate is open (an answer lost, or a purchase cut off and
    /// resumed): removed only once the invoice is known to exist, kept if it proves never made.
    public var heldLines: [String: [String]] = [:]
    /// Purchases by id, as last reported by the engine or the journal.
    public var purchases: [String: Purchase] = [:]
    /// Follows under way, by purchase id; absent when no check is scheduled.
    public var follows: [String: FollowStatus] = [:]
    /// The purchase screen's purchase, selection and reveal.
    public var shown: ShownPurchase?
    /// Presentation mode: every secret stays masked, even after `r`, while the screen is shared.
    public var presenting = false
    /// Team mode: `r` and `Y` on a secret wait for the team's audit to record the reveal before showing or copying.
    public var auditsReveals = false
    public var qrMode: QRRenderMode = .half
    /// QR codes by payload. Encoding happens at the edge (the C library); the views only draw the matrix.
    public var qrCodes: [String: QRCodeState] = [:]
    public var history = HistoryState()
    /// Purchases whose lines `a` already put back in the cart this session, so a second press does not double them.
    public var restoredPurchases: Set<String> = []
    /// Purchases the background check found that no storefront worked, already announced this session: a purchase
    /// found again (its follow stopped, or it still waits for a buyer) is not announced again every 15 s.
    public var announcedAbandoned: Set<String> = []

    public init() {}

    /// The purchase on the purchase screen.
    public var shownPurchase: Purchase? { shown.flatMap { purchases[$0.purchaseId] } }
}

/// The review screen's choices: how to pay, auto-pay, a refund address for crypto, an optional email, the customer's ticket.
public struct ReviewForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case method, autoPay, refundAddress, email, ticket }

    public var field: Field = .method
    public var method: PaymentMethod = .balance
    /// Balance invoices are paid as soon as they exist unless this is off (then `p` pays on the purchase screen).
    public var autoPay = true
    public var refundAddress = ""
    public var email = ""
    /// The customer's ticket this purchase is for: kept with it, and what tells a colleague someone is working it.
    public var ticket = ""
    public var error: String?

    public init() {}

    /// Auto-pay draws on the balance, so it is asked for balance only; crypto asks for a refund address instead.
    public var fields: [Field] { method == .balance ? [.method, .autoPay, .email, .ticket] : [.method, .refundAddress, .email, .ticket] }

    public var isEditingText: Bool { field == .refundAddress || field == .email || field == .ticket }

    /// What is wrong with the form, field by field; nil when it can be sent.
    public var problem: (field: Field, message: String)? {
        if method != .balance, let problem = RefundAddress.problem(refundAddress, for: method) {
            return (.refundAddress, problem)
        }
        let email = email.trimmingCharacters(in: .whitespaces)
        if !email.isEmpty, !Self.isPlausibleEmail(email) {
            return (.email, "\"\(email)\" is not an email address (name@example.com); leave it empty to skip the email.")
        }
        return nil
    }

    /// One "@", something before it, a dotted domain after it, no spaces: enough to catch a typo, the server decides the rest.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}

/// Where a follow stands between two looks at the invoice.
public struct FollowStatus: Sendable, Equatable {
    public var nextCheck: Date?
    /// The API's remaining request budget for invoice calls, when it reports one.
    public var requestsLeft: Int?
    public var requestLimit: Int?

    public init(nextCheck: Date?, requestsLeft: Int? = nil, requestLimit: Int? = nil) {
        self.nextCheck = nextCheck
        self.requestsLeft = requestsLeft
        self.requestLimit = requestLimit
    }
}

/// A QR code asked of the encoder.
public enum QRCodeState: Sendable, Equatable {
    case encoding
    case ready(QRMatrix)
    case failed(String)
}

/// The purchase screen: which purchase, which value is selected, and which order's secrets show until when.
public struct ShownPurchase: Sendable, Equatable {
    public var purchaseId: String
    /// Index into `PurchaseValues.list(for:)`.
    public var selection = 0
    /// Rows scrolled below what the selection alone shows: the rows after the last value (the timeline) are
    /// reached by moving on past it.
    public var scrolledPast = 0
    public var revealedOrder: String?
    public var revealedUntil: Date?
    /// `Q`: the code alone on the whole window, as large as it fits (a demo at 80×24 has no room for the pane).
    public var showsFullScreenQR = false
    /// Where Esc goes.
    public var returnTo: Screen

    public init(purchaseId: String, returnTo: Screen) {
        self.purchaseId = purchaseId
        self.returnTo = returnTo
    }
}

/// The history screen: the journal's purchases matching the filter, unfinished first, newest first.
public struct HistoryState: Sendable, Equatable {
    public var entries: [Purchase] = []
    public var filter = ""
    /// Team mode: only this agent's purchases (`m`: the user's own, `a`: the selected purchase's agent); nil: everyone's.
    public var agent: String?
    public var isEditingFilter = false
    public var isLoading = false
    public var selection = 0
    public var scroll = 0
    public var returnTo: Screen = .browser

    public init() {}

    public var selectedEntry: Purchase? { entries.indices.contains(selection) ? entries[selection] : nil }
}
