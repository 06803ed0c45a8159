import Foundation
import StorefrontDomain

/// The words and small marks the purchase and history screens share: where a purchase stands, how an order
/// went, durations, dates, and the spinner that says a follow is alive.
enum PurchaseText {
    /// Where the purchase stands, in a person's words, and how loudly to say it.
    static func status(_ purchase: Purchase) -> (text: String, role: StyleRole) {
        switch purchase.stage {
        case .intent, .sending: return ("Creating the invoice", .accent)
        case .ambiguous: return ("Unknown whether the invoice was created: checking before anything is sent again", .warning)
        case .notCreated: return ("Not created: nothing was bought", .muted)
        case .refused: return ("Refused: nothing was bought", .error)
        case .settled:
            let outcome = purchase.outcome ?? .failed
            let text = outcome.summary.prefix(1).uppercased() + outcome.summary.dropFirst()
            return (text, outcome == .delivered ? .success : .error)
        case .created:
            if purchase.awaitsBalancePayment { return ("Waiting to be paid from the balance (p pays)", .warning) }
            if purchase.awaitsCryptoPayment { return ("Waiting for your payment", .warning) }
            switch purchase.paymentStatus ?? .unpaid {
            case .paymentDetected: return ("Payment seen: waiting for it to confirm", .accent)
            case .unpaid where purchase.payRequestedAt != nil: return ("Paying from the balance", .accent)
            default: return ("Paid: delivering", .accent)
            }
        }
    }

    /// One word or two for the history list.
    static func shortStatus(_ purchase: Purchase) -> (text: String, role: StyleRole) {
        switch purchase.stage {
        case .intent, .sending, .ambiguous: return ("checking", .warning)
        case .created: return (purchase.awaitsCryptoPayment || purchase.awaitsBalancePayment ? "awaiting payment" : "delivering", .warning)
        case .notCreated: return ("not created", .muted)
        case .refused: return ("refused", .muted)
        case .settled:
            switch purchase.outcome ?? .failed {
            case .delivered: return ("delivered", .success)
            case .partlyFailed: return ("partly failed", .error)
            case .failed: return ("failed", .error)
            case .denied: return ("denied", .error)
            case .expired: return ("expired", .muted)
            }
        }
    }

    /// What the API reference says of unpaid crypto invoices, shown when the invoice carries no expiry.
    static let usualExpiry = "unpaid invoices usually expire after about 3 hours"

    /// An invoice that expired or failed as a whole can be bought again from the same lines (`a`).
    static func canRestoreLines(_ purchase: Purchase) -> Bool {
        guard purchase.stage == .settled, !purchase.lines.isEmpty else { return false }
        return [.expired, .denied, .failed].contains(purchase.outcome ?? .failed)
    }

    /// An order's status; one still waiting for a payment that will never come says so.
    static func order(_ order: PurchaseOrder, of purchase: Purchase? = nil) -> (text: String, role: StyleRole) {
        let unpaid = order.status == nil || order.status == .created
        if unpaid, let purchase, purchase.stage == .settled, let outcome = purchase.outcome, outcome == .expired || outcome == .denied {
            return (outcome == .expired ? "not bought: the invoice expired" : "not bought: the payment was denied", .muted)
        }
        switch order.status {
        case nil, .created?: return ("waiting for payment", .muted)
        case .paymentDetected?: return ("payment seen", .accent)
        case .processing?, .pending?: return ("processing", .accent)
        case .delivered?: return ("delivered", .success)
        case .failed?, .permanentFailure?: return ("failed", .error)
        case .refunded?: return ("refunded", .warning)
        case .unknown(let word)?: return (word, .muted)
        }
    }

    /// "0:07", "12:30", "2:59:12".
    static func clock(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }

    /// "2026-11-19 14:13", in UTC so that a screen, a test and a support ticket agree.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// A server's ISO-8601 date as the rest of the screen writes dates ("2027-11-21 12:03 UTC"); anything
    /// else is shown as sent.
    static func serverDate(_ text: String) -> String {
        Timestamps.parse(text).map { stamp($0) + " UTC" } ?? text
    }

    /// Turns once a second with the ticks: a follow that is alive looks alive.
    static func spinner(_ state: AppState) -> String {
        let frames = state.asciiOnly ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[Int(state.now.timeIntervalSince1970.rounded(.down)) % frames.count]
    }
}
