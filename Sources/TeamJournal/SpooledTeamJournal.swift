import Checkout
import Foundation
import StorefrontDomain
import Synchronization

/// The team journal as a host uses it, through an outage of the team database:
/// - a new purchase is refused before anything is sent when the database does not answer (the pool's ping, confirmed
///   over a connection of its own);
/// - a purchase already sent is followed to its end: each state the database cannot take is kept in this host's data
///   directory journal (the spool), and read back from there;
/// - `replaySpool()` writes the spooled purchases to the team database once it answers, idempotently, and removes them
///   (and their codes) from the host.
/// The purchase engine sees one `PurchaseJournal` and does not know any of this.
public final class SpooledTeamJournal: PurchaseJournal {
    public let team: PostgresJournal
    public let url: TeamDatabaseURL
    let spool: UserDatabase
    /// How long a team query may run before the database is asked, over a connection of its own, whether it answers.
    let patience: Duration
    /// Rounds of `patience` a query may take while the database answers other connections.
    static let patienceRounds = 10
    private let state = Mutex(State())
    /// Whether the database answers, asked over a connection of its own (`TeamDatabaseURL.answers`).
    let answers: @Sendable () async -> Bool

    struct State {
        /// The database did not answer at the last try: a sent purchase's state goes straight to the spool.
        var down = false
        /// The last state of each purchase this host wrote, read back when the database cannot be asked.
        var written: [String: Purchase] = [:]
        var requestHashes: [String: String] = [:]
        /// Cart lines of purchases the team has that the data directory's cart could not hold yet (a full disk, a
        /// read-only file), by purchase id: written by the next try.
        var unheld: [String: [String]] = [:]
        /// Why they are not held yet, for the status bar.
        var cartProblem: String?
    }

    /// `probe` asks whether the database answers; by default over a connection of its own to `url`.
    public init(team: PostgresJournal, url: TeamDatabaseURL, spool: UserDatabase, patience: Duration = .seconds(2),
                probe: (@Sendable () async -> Bool)? = nil) {
        answers = probe ?? { await url.answers() }
        self.team = team
        self.url = url
        self.spool = spool
        self.patience = patience
    }

    /// Whether the team database did not answer at the last try.
    public var isDown: Bool { state.withLock { $0.down } }

    /// What a purchase refused for the outage says (the CLI exits 75 with it).
    public var unreachableMessage: String { "The team database at \(url.place) is unreachable; nothing was bought." }

    // MARK: Placing and writing

    /// A new purchase is placed only while the team database answers. The pool's own answer is the proof: asking over
    /// a connection of its own costs a placement more than all its statements, so that is done only when the database
    /// was down at the last try, or the pool does not answer in time or fails.
    public func placing<T: Sendable>(waiting: @Sendable () -> Void,
                                     _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        if isDown, await !answers() { throw unreachable }
        markDown(false)
        do {
            try await guarded { [team] () async throws(UserDatabaseError) in try await team.ping() }
        } catch {
            if isDown { throw unreachable }
            // The database answers, but the pool's connection did not: one the server dropped in a restart. The pool
            // lets it go; its next one is new.
            do {
                try await guarded { [team] () async throws(UserDatabaseError) in try await team.ping() }
            } catch {
                throw isDown ? unreachable : CheckoutError("\(error.description) Nothing was bought.", journalFailure: .beforeSending)
            }
        }
        return try await team.placing(waiting: waiting, body)
    }

    private var unreachable: CheckoutError { CheckoutError(unreachableMessage, journalFailure: .unreachable) }

    /// The intent goes to the team; the cart lines it takes are held in this data directory's cart (the spool's file)
    /// once the team has it, before anything is sent, and a stop between the two leaves an intent never sent (a resume
    /// proves it not created) with its lines free, as nothing was bought. A cart that cannot take the hold (a full
    /// disk, a read-only file) does not stop the purchase: the team holds it, so it is never bought twice; the hold is
    /// tried again (`writeCartHolds`) and `cartProblem` says what to do until it is written.
    public func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date,
                             leasedTo holder: String?, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        let lease = try await guarded { [team] () async throws(UserDatabaseError) -> PurchaseLease? in
            try await team.recordIntent(purchase, requestHash: requestHash, takingCartLines: lineIDs, at: now, leasedTo: holder, for: length)
        }
        remember(purchase, requestHash: requestHash)
        holdCartLines(lineIDs, for: purchase.id)
        return lease
    }

    /// A continued purchase's lines are held in this data directory's cart, as an intent's are (and tried again the
    /// same way): the team has the purchase already.
    public func holdCartLines(_ lineIDs: [String], for purchaseId: String) {
        guard !lineIDs.isEmpty else { return }
        state.withLock { $0.unheld[purchaseId, default: []].append(contentsOf: lineIDs) }
        writeCartHolds()
    }

    /// What the status bar says while a purchase's cart lines could not be held: after a restart they would be offered
    /// to buy again while the purchase may still become an invoice. nil once every hold is written.
    public var cartProblem: String? { state.withLock { $0.cartProblem } }

    /// Writes the holds the cart could not take yet, each settled at once by the last state of its purchase this host
    /// wrote (a purchase bought meanwhile takes its lines out of the cart). Tried with every write of a purchase and
    /// every replay of the spool (at the start and end of a command, and with each check of the team database in the
    /// full-screen storefront). A hold kept only in memory is lost if the storefront stops before the cart can be
    /// written: `cartProblem` says so.
    private func writeCartHolds() {
        let (unheld, written) = state.withLock { ($0.unheld, $0.written) }
        guard !unheld.isEmpty else { return }
        var failure: UserDatabaseError?
        for (id, lineIDs) in unheld {
            do throws(UserDatabaseError) {
                try spool.holdCartLines(lineIDs, for: id)
                if let known = written[id] { try spool.settleCartLines(of: known) }
                state.withLock { state in
                    let left = (state.unheld[id] ?? []).filter { !lineIDs.contains($0) }
                    state.unheld[id] = left.isEmpty ? nil : left
                }
            } catch {
                failure = error
            }
        }
        state.withLock { state in
            guard let failure, !state.unheld.isEmpty else {
                state.cartProblem = nil
                return
            }
            let lines = state.unheld.values.reduce(0) { $0 + $1.count }
            state.cartProblem = """
                The cart cannot be saved: \(lines == 1 ? "1 line of a purchase in flight would come back" : "\(lines) lines of purchases in flight would come back") \
                to it after a restart. Free disk space or make \(spool.path) writable; the storefront keeps trying (\(failure.detail)).
                """
        }
    }

    /// A state of a purchase not yet sent must reach the team (or nothing is sent); one already sent is spooled when
    /// the team cannot take it, and the engine carries on.
    public func save(_ purchase: Purchase, at now: Date) async throws(UserDatabaseError) {
        let sent = Self.wasSent(purchase)
        if sent && isDown { return try spoolState(purchase, at: now) }
        do {
            try await guarded { [team] () async throws(UserDatabaseError) in try await team.save(purchase, at: now) }
        } catch {
            guard sent else { throw error }
            return try spoolState(purchase, at: now)
        }
        remember(purchase, requestHash: nil)
        settleCart(purchase)
        // The team has this state now: a spooled older one would only keep a code on the host (and, left there by a
        // failure here, it is still removed by the next replay, which finds the team's state newer).
        try? spool.unspool(purchase.id)
    }

    /// The fenced write of the engine: as `save`, except that a team database that answers may say the lease was
    /// taken over (false: nothing written). While it does not answer, a sent purchase's state is spooled as above;
    /// the replay's "further along" rule settles it against whatever a host that took over wrote meanwhile.
    public func save(_ purchase: Purchase, at now: Date, fencedBy lease: PurchaseLease,
                     durability: WriteDurability) async throws(UserDatabaseError) -> Bool {
        let sent = Self.wasSent(purchase)
        if sent && isDown {
            try spoolState(purchase, at: now, durability: durability)
            return true
        }
        let written: Bool
        do {
            written = try await guarded { [team] () async throws(UserDatabaseError) -> Bool in
                try await team.save(purchase, at: now, fencedBy: lease, durability: durability)
            }
        } catch {
            guard sent else { throw error }
            try spoolState(purchase, at: now, durability: durability)
            return true
        }
        guard written else { return false }
        remember(purchase, requestHash: nil)
        settleCart(purchase)
        try? spool.unspool(purchase.id)
        return true
    }

    // MARK: Leases (the team database's: while it does not answer they cannot be taken or renewed, and the engine's
    // renewer tries again at its next turn)

    /// While the database does not answer, a purchase already sent is still followed: it gets a lease of this host's
    /// own (its writes go to the spool, which needs none), and the replay settles it with what others wrote.
    public func takeLease(of id: String, holder: String, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        do {
            return try await guarded { [team] () async throws(UserDatabaseError) -> PurchaseLease? in try await team.takeLease(of: id, holder: holder, for: length) }
        } catch {
            guard isDown, let known = state.withLock({ $0.written[id] }), Self.wasSent(known) else { throw error }
            return PurchaseLease(purchaseId: id, holder: holder, epoch: -1, until: Date().addingTimeInterval(length))
        }
    }

    public func renewLease(_ lease: PurchaseLease, for length: TimeInterval) async throws(UserDatabaseError) -> PurchaseLease? {
        try await guarded { [team] () async throws(UserDatabaseError) -> PurchaseLease? in try await team.renewLease(lease, for: length) }
    }

    public func releaseLease(_ lease: PurchaseLease) async throws(UserDatabaseError) {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.releaseLease(lease) }
    }

    public var writesPurchases: Bool { team.writesPurchases }

    public func lease(of id: String) async throws(UserDatabaseError) -> PurchaseLease? {
        try await guarded { [team] () async throws(UserDatabaseError) -> PurchaseLease? in try await team.lease(of: id) }
    }

    /// Once the create may have left, the server may have acted: from then on nothing of the purchase may be lost.
    static func wasSent(_ purchase: Purchase) -> Bool {
        purchase.invoiceId != nil || ![.intent, .sending].contains(purchase.stage)
    }

    private func spoolState(_ purchase: Purchase, at now: Date, durability: WriteDurability = .beforeSending) throws(UserDatabaseError) {
        let hash = state.withLock { $0.requestHashes[purchase.id] } ?? ""
        try spool.spool(purchase, requestHash: hash, for: url.place, at: now, durability: durability)
        remember(purchase, requestHash: nil)
        settleCart(purchase)
    }

    /// The cart lines the purchase holds leave the cart once its invoice exists, or are free once it proved never made.
    /// Its state is written already, so a cart that cannot be written now does not fail the write: the next start
    /// settles the cart from the team's state (`UserDatabase.loadCart(settledBy:)`).
    private func settleCart(_ purchase: Purchase) {
        writeCartHolds()
        try? spool.settleCartLines(of: purchase)
    }

    // MARK: Reading

    /// The spooled state first (it is newer than the team's), then the team's, then, when the database does not
    /// answer, the state this host last wrote.
    public func purchase(id: String) async throws(UserDatabaseError) -> Purchase? {
        if let spooled = try spool.spooledPurchase(id: id, for: url.place) { return spooled }
        do {
            return try await guarded { [team] () async throws(UserDatabaseError) in try await team.purchase(id: id) }
        } catch {
            if let written = state.withLock({ $0.written[id] }) { return written }
            throw error
        }
    }

    public func purchase(invoiceId: String, source: String) async throws(UserDatabaseError) -> Purchase? {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.purchase(invoiceId: invoiceId, source: source) }
    }

    public func newestPurchase(invoiceId: String) async throws(UserDatabaseError) -> Purchase? {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.newestPurchase(invoiceId: invoiceId) }
    }

    public func purchase(idempotencyKey key: String) async throws(UserDatabaseError) -> Purchase? {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.purchase(idempotencyKey: key) }
    }

    public func requestHash(of id: String) async throws(UserDatabaseError) -> String? {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.requestHash(of: id) }
    }

    public func openPurchase(source: String, requestHash: String, stages: [PurchaseStage]) async throws(UserDatabaseError) -> Purchase? {
        try await guarded { [team] () async throws(UserDatabaseError) in
            try await team.openPurchase(source: source, requestHash: requestHash, stages: stages)
        }
    }

    public func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                               since: Date) async throws(UserDatabaseError) -> Purchase? {
        try await guarded { [team] () async throws(UserDatabaseError) in
            try await team.recentPurchase(source: source, bodyHash: bodyHash, ticket: ticket, stages: stages, since: since)
        }
    }

    public func placementCandidates(_ questions: PlacementQuestions, now: Date) async throws(UserDatabaseError) -> Placement.Candidates {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.placementCandidates(questions, now: now) }
    }

    /// What `team status` shows, given up on as any team query is when the database stops answering.
    public func status() async throws(UserDatabaseError) -> TeamStatus {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.status() }
    }

    public func unfinishedPurchases(source: String) async throws(UserDatabaseError) -> [Purchase] {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.unfinishedPurchases(source: source) }
    }

    public func knownInvoiceIds(source: String) async throws(UserDatabaseError) -> Set<String> {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.knownInvoiceIds(source: source) }
    }

    public func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        try await guarded { [team] () async throws(UserDatabaseError) in try await team.purchases(matching: filter, limit: limit) }
    }

    // MARK: Replay

    /// Writes every spooled purchase to the team database if it answers, and removes from the spool each one the team
    /// now holds (written, or already there in a state as new or finished). One the database refuses stays spooled.
    @discardableResult
    public func replaySpool() async throws(UserDatabaseError) -> SpoolReplay {
        writeCartHolds()
        let spooled = try spool.spooled(for: url.place)
        guard !spooled.isEmpty else { return SpoolReplay() }
        guard await answers() else {
            markDown(true)
            return SpoolReplay(kept: spooled.count)
        }
        var replay = SpoolReplay()
        for entry in spooled {
            do {
                let written = try await guarded { [team] () async throws(UserDatabaseError) in
                    try await team.replay(entry.purchase, requestHash: entry.requestHash, at: entry.writtenAt)
                }
                try spool.unspool(entry.purchase.id, writtenAt: entry.writtenAt)
                if written { replay.written += 1 } else { replay.alreadyThere += 1 }
            } catch {
                replay.kept += 1
                replay.problems.append("purchase \(entry.purchase.id): \(error.detail)")
            }
        }
        if replay.kept == 0 { markDown(false) }
        return replay
    }

    /// How many purchases wait in this host's spool for the team database.
    public func spooledCount() throws(UserDatabaseError) -> Int {
        try spool.spooled(for: url.place).count
    }

    // MARK: Outage detection

    private func remember(_ purchase: Purchase, requestHash: String?) {
        state.withLock {
            $0.written[purchase.id] = purchase
            if let requestHash { $0.requestHashes[purchase.id] = requestHash }
        }
    }

    private func markDown(_ down: Bool) {
        state.withLock { $0.down = down }
    }

    /// Runs a team query; while it runs, asks the database every `patience` over a connection of its own whether it
    /// answers, and gives the query up when it does not (the pool would hold it for a minute), or after ten such rounds
    /// even though it does: a query on a connection the server dropped during a short restart may never end. A query
    /// given up on is left to end by itself. A failed query that the database then does not answer marks the outage.
    private func guarded<T: Sendable>(_ query: @escaping @Sendable () async throws(UserDatabaseError) -> T) async throws(UserDatabaseError) -> T {
        let race = FirstAnswer<Result<T, UserDatabaseError>?>()
        let outcome = await race.wait { [answers, patience] in
            [Task {
                do throws(UserDatabaseError) {
                    race.answer(.success(try await query()))
                } catch {
                    race.answer(.failure(error))
                }
            }, Task {
                for _ in 0..<Self.patienceRounds {
                    try? await Task.sleep(for: patience)
                    if Task.isCancelled { return }
                    if await !answers() { break }
                }
                if !Task.isCancelled { race.answer(nil) }
            }]
        }
        switch outcome {
        case .success(let value)?:
            markDown(false)
            return value
        case .failure(let error)?:
            if await !answers() { markDown(true) }
            throw error
        case nil:
            markDown(true)
            throw UserDatabaseError(path: "the team journal at \(url.place)", detail: "the database does not answer")
        }
    }
}

/// Reveals are recorded in the team's audit as they are without a spool: a reveal that cannot be recorded is not shown.
extension SpooledTeamJournal: RevealAudit {
    public func record(_ reveals: [Reveal]) async throws(UserDatabaseError) {
        try await team.record(reveals)
    }
}

/// What a replay of the spool did: purchases written to the team database, purchases it already held as new or
/// finished (removed from the spool all the same), and purchases kept for the next try, with what the database said.
public struct SpoolReplay: Sendable, Equatable {
    public var written = 0
    public var alreadyThere = 0
    public var kept = 0
    public var problems: [String] = []

    public init(written: Int = 0, alreadyThere: Int = 0, kept: Int = 0) {
        self.written = written
        self.alreadyThere = alreadyThere
        self.kept = kept
    }
}
