import Foundation
import StorefrontDomain

/// What a placement asks the journal before deciding, shared by the engine, every journal and the placement benchmark,
/// so a journal that answers them all at once (a team database, in one round trip) answers exactly what the engine
/// would have asked one by one, and the benchmark times what a real placement asks.
public struct PlacementQuestions: Sendable {
    /// One question, in the journal's own terms.
    public enum Question: Equatable, Sendable {
        /// The purchase made with this idempotency key, on any API, and its request hash.
        case key(String)
        /// The newest purchase of the identical request on the source in one of these stages.
        case unfinished(requestHash: String, stages: [PurchaseStage])
        /// Every purchase in flight for this ticket, newest first, whoever makes it.
        case ticket(String)
        /// The newest purchase of the same card on the source, bought since `since`, for `ticket` or none.
        case recent(bodyHash: String, ticket: String?, since: Date)
    }

    public let request: CheckoutRequest
    /// `request.fingerprint()`: the identical request, ticket included.
    public let requestHash: String
    /// `request.bodyFingerprint()`: the same card, whoever's ticket.
    let bodyHash: String
    public let source: String
    /// Whether an identical purchase still being followed is continued (the CLI) or only one never created (the TUI).
    public let continuingUnfinished: Bool

    /// How many of a ticket's purchases in flight are read: one is enough to refuse, the rest name the desk's work.
    public static let ticketLimit = 50

    /// Throws for a request that cannot be encoded: it has no identity, so it is refused before anything is written.
    public init(_ request: CheckoutRequest, source: String, continuingUnfinished: Bool) throws(CheckoutError) {
        self.request = request
        requestHash = try request.fingerprint()
        bodyHash = try request.bodyFingerprint()
        self.source = source
        self.continuingUnfinished = continuingUnfinished
    }

    /// In `Placement.decide`'s order, only what can change its outcome. Each question is a round trip to a team
    /// database inside the desk's placement turn, so one whose answer would be ignored is not asked:
    /// - a key the caller gave decides alone, so no identical purchase (unfinished or recent) is looked for;
    /// - `again` overrides the identical-recent rule, so no recent purchase is looked for;
    /// - a ticket's purchases in flight are asked for even with `again`: the first purchase on a ticket claims it.
    /// And once an answer decides (`settles`), nothing after it is asked.
    public func questions(now: Date) -> [Question] {
        var questions: [Question] = []
        if let key = request.idempotencyKey { questions.append(.key(key)) }
        let keyDecides = request.idempotencyKey != nil && request.keyOrigin == .given
        if !keyDecides {
            let stages = PurchaseStage.awaitingInvoice + [.notCreated] + (continuingUnfinished ? [.created] : [])
            questions.append(.unfinished(requestHash: requestHash, stages: stages))
        }
        if let ticket = request.ticket { questions.append(.ticket(ticket)) }
        if !keyDecides, !request.again {
            questions.append(.recent(bodyHash: bodyHash, ticket: request.ticket, since: now.addingTimeInterval(-Placement.repeatWindow)))
        }
        return questions
    }

    /// Whether the answers so far decide the placement whatever the rest would say: the key's purchase is the
    /// answer, and so is an identical one unfinished.
    public static func settles(_ candidates: Placement.Candidates) -> Bool {
        candidates.keyed != nil || candidates.unfinished != nil
    }

    /// The candidates from every question's answer at once, as asking one by one and stopping at the first that
    /// settles would have left them.
    public static func candidates(keyed: (purchase: Purchase, requestHash: String)?, unfinished: Purchase?, ticketInFlight: [Purchase],
                                  recent: Purchase?) -> Placement.Candidates {
        if let keyed { return Placement.Candidates(keyed: keyed) }
        if let unfinished { return Placement.Candidates(unfinished: unfinished) }
        return Placement.Candidates(recent: recent, ticketInFlight: ticketInFlight)
    }

    /// Asks `journal` one question at a time, stopping once the answers settle the placement.
    public func ask(_ journal: any PurchaseJournal, now: Date) async throws(UserDatabaseError) -> Placement.Candidates {
        var candidates = Placement.Candidates()
        for question in questions(now: now) {
            switch question {
            case .key(let key):
                if let purchase = try await journal.purchase(idempotencyKey: key) {
                    candidates.keyed = (purchase, try await journal.requestHash(of: purchase.id) ?? "")
                }
            case .unfinished(let hash, let stages):
                candidates.unfinished = try await journal.openPurchase(source: source, requestHash: hash, stages: stages)
            case .ticket(let ticket):
                candidates.ticketInFlight = try await journal.purchases(matching: PurchaseFilter(ticket: ticket, unfinishedOnly: true),
                                                                        limit: Self.ticketLimit)
            case .recent(let body, let ticket, let since):
                candidates.recent = try await journal.recentPurchase(source: source, bodyHash: body, ticket: ticket,
                                                                     stages: PurchaseStage.bought, since: since)
            }
            if Self.settles(candidates) { return candidates }
        }
        return candidates
    }
}
