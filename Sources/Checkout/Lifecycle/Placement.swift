import Foundation
import StorefrontDomain

/// Whether a confirmed request makes a new purchase or returns one the journal already has. The API has no
/// idempotency key, so this is where "never buy twice" is decided for a command run again, a script retrying
/// after a kill, or a cart confirmed twice. Pure: the engine looks the candidates up and does what it says.
public enum Placement: Equatable, Sendable {
    /// Nothing stands in the way: write a new intent and send it.
    case new
    /// This purchase is the answer: the same key, or the same request still unfinished.
    case existing(Purchase)
    /// Refused before anything is sent, with the reason and what to do.
    case refused(PlacementRefusal)

    /// What the journal holds that bears on a request.
    public struct Candidates: Equatable, Sendable {
        /// The purchase already made with the request's idempotency key, and the request hash it was made with.
        public var keyed: (purchase: Purchase, requestHash: String)?
        /// The newest unfinished purchase of the identical request.
        public var unfinished: Purchase?
        /// The newest identical purchase created or settled within `Placement.repeatWindow`.
        public var recent: Purchase?
        /// Every purchase in flight for the request's ticket, newest first, whoever makes it.
        public var ticketInFlight: [Purchase]

        public init(keyed: (purchase: Purchase, requestHash: String)? = nil, unfinished: Purchase? = nil, recent: Purchase? = nil,
                    ticketInFlight: [Purchase] = []) {
            self.keyed = keyed
            self.unfinished = unfinished
            self.recent = recent
            self.ticketInFlight = ticketInFlight
        }

        public static func == (lhs: Candidates, rhs: Candidates) -> Bool {
            lhs.keyed?.purchase == rhs.keyed?.purchase && lhs.keyed?.requestHash == rhs.keyed?.requestHash
                && lhs.unfinished == rhs.unfinished && lhs.recent == rhs.recent && lhs.ticketInFlight == rhs.ticketInFlight
        }
    }

    /// Where a request's idempotency key comes from, which decides how much it decides.
    public enum KeyOrigin: Sendable, Equatable {
        /// The caller's own (`--idempotency-key`): it alone decides, so a new one is a new purchase on purpose.
        case given
        /// Made by the program for one confirmation (the TUI's cart): it finds the purchase that confirmation made,
        /// but a new one is not a decision to buy again, so the identical-request rules still apply.
        case generated
    }

    /// An identical purchase this recent is refused unless asked for again on purpose.
    public static let repeatWindow: TimeInterval = 10 * 60

    /// The rules, in order. A known key returns its purchase (or is refused if it named another request). A key
    /// the caller gave decides alone whether an identical purchase is wanted: a new one is a new purchase on purpose.
    /// Otherwise (no key, or a new generated one) an identical unfinished purchase is continued. Then, unless `again`:
    /// a ticket another agent has in flight is theirs to finish (a desk must not serve one customer twice), and an
    /// identical purchase made within the window, by anyone on the journal, is refused. `agent` is who asks: their own
    /// purchases for a ticket are their own work, never in the way.
    public static func decide(requestHash: String, key: String?, keyOrigin: KeyOrigin = .given, again: Bool, agent: String? = nil,
                              candidates: Candidates, now: Date) -> Placement {
        if let key, let keyed = candidates.keyed {
            guard keyed.requestHash == requestHash else {
                return .refused(.keyReused(key: key, purchase: keyed.purchase))
            }
            return .existing(keyed.purchase)
        }
        let keyDecides = key != nil && keyOrigin == .given
        if !keyDecides, let unfinished = candidates.unfinished { return .existing(unfinished) }
        guard !again else { return .new }
        if let holder = candidates.ticketInFlight.first(where: { $0.agent != agent }) {
            return .refused(.ticketInFlight(purchase: holder, minutesAgo: minutes(since: holder.createdAt, now: now)))
        }
        if !keyDecides, let recent = candidates.recent {
            return .refused(.identicalRecently(purchase: recent, minutesAgo: minutes(since: recent.createdAt, now: now)))
        }
        return .new
    }

    /// Whole minutes, at least one: "3 min ago".
    private static func minutes(since then: Date, now: Date) -> Int {
        max(1, Int(now.timeIntervalSince(then) / 60))
    }
}

/// Why a request was not placed. A bad-input refusal (exit 64 in the CLI): nothing was sent.
public enum PlacementRefusal: Equatable, Sendable {
    case keyReused(key: String, purchase: Purchase)
    case identicalRecently(purchase: Purchase, minutesAgo: Int)
    /// Another agent's purchase for the same ticket is in flight: someone is already working this ticket.
    case ticketInFlight(purchase: Purchase, minutesAgo: Int)

    public var message: String {
        switch self {
        case .keyReused(let key, let purchase):
            "The idempotency key \"\(Sanitizer.clean(key))\" was already used for a different purchase (\(Self.name(purchase))). "
                + "Use a new key for a new purchase, or the same request to get that purchase back."
        case .identicalRecently(let purchase, let minutes):
            "\(Self.who(purchase)) bought the same \(minutes) min ago\(Self.forTicket(purchase)); --again to buy again. Nothing was bought now; "
                + "`storefront invoice show \(purchase.invoiceId ?? purchase.id)` shows it (\(purchase.stage.rawValue))."
        case .ticketInFlight:
            ticketSentence + "; --again to buy anyway."
        }
    }

    /// What the journal already holds, without the command-line remedy (the TUI asks instead).
    public var summary: String {
        switch self {
        case .keyReused: message
        case .identicalRecently(let purchase, let minutes):
            "\(Self.who(purchase)) bought the same \(minutes) min ago\(Self.forTicket(purchase)) (\(Self.name(purchase)), \(purchase.stage.rawValue)); nothing was bought now."
        case .ticketInFlight:
            ticketSentence + "; nothing was bought now."
        }
    }

    /// The purchase a refusal points at.
    public var purchase: Purchase {
        switch self {
        case .keyReused(_, let purchase), .identicalRecently(let purchase, _), .ticketInFlight(let purchase, _): purchase
        }
    }

    private var ticketSentence: String {
        guard case .ticketInFlight(let purchase, let minutes) = self else { return "" }
        return "\(Self.who(purchase)) is already buying for ticket \(Sanitizer.clean(purchase.ticket ?? "")) "
            + "(purchase \(purchase.id), \(minutes) min ago)"
    }

    /// The agent who made it, as the journal names them; journals older than agents did not say.
    private static func who(_ purchase: Purchase) -> String {
        purchase.agent.map { Sanitizer.clean($0) } ?? "Someone on this journal"
    }

    /// The ticket the same card was bought for: asked for again without one, it is most likely that customer's.
    private static func forTicket(_ purchase: Purchase) -> String {
        purchase.ticket.map { " for ticket \(Sanitizer.clean($0))" } ?? ""
    }

    private static func name(_ purchase: Purchase) -> String {
        purchase.invoiceId.map { "invoice \($0)" } ?? "purchase \(purchase.id)"
    }
}
