import Foundation
import GRDB
import StorefrontDomain

/// The cart's lines held by the purchases made from them, when those purchases live in another journal (a team's
/// database): the cart stays in this data directory, so the hold is written here after the team has the intent, and
/// settled here from what the team says. Without a team the intent and its hold are one transaction
/// (`insertIntent`), and `loadCart()` settles from this journal alone.
extension UserDatabase {
    /// What becomes of the lines a purchase holds, by what is known of it.
    enum CartHold: Equatable {
        /// Its invoice exists: the lines are bought and leave the cart.
        case bought
        /// It may still become an invoice: the lines stay held, never offered to buy again meanwhile.
        case inFlight
        /// It proved never made (or never reached the journal at all, so nothing was sent): the lines are free.
        case free

        /// By the holding purchase's stage; nil: the journal has no such purchase.
        init(_ stage: PurchaseStage?) {
            guard let stage else { self = .free; return }
            if PurchaseStage.bought.contains(stage) {
                self = .bought
            } else if PurchaseStage.awaitingInvoice.contains(stage) {
                self = .inFlight
            } else {
                self = .free
            }
        }
    }

    /// Holds the saved cart's `lineIDs` for purchase `purchaseId` (a line another purchase holds stays its).
    public func holdCartLines(_ lineIDs: [String], for purchaseId: String) throws(UserDatabaseError) {
        guard !lineIDs.isEmpty else { return }
        try cartWrite { db in try Self.hold(lineIDs, for: purchaseId, in: db) }
    }

    /// Takes the lines `purchase` holds out of the cart once its invoice exists, or frees them once it is known never
    /// made: what `save` does in its own transaction without a team.
    public func settleCartLines(of purchase: Purchase) throws(UserDatabaseError) {
        try cartWrite { db in try Self.settle(purchase.id, CartHold(purchase.stage), in: db) }
    }

    /// The cart as last saved, its holds settled by what is known of each holding purchase: this data directory's
    /// journal first (a purchase made here before team mode, or one spooled in an outage), else `journal`, the one
    /// purchases are written to. A purchase the journal cannot be asked about keeps its lines held, and `unsettled`
    /// says why: a purchase whose fate is unknown may still become an invoice, and its lines must not be bought twice.
    public func loadCart(settledBy journal: any PurchaseJournal) async throws(UserDatabaseError) -> SavedCart {
        if let local = journal as? UserDatabase, local === self { return try loadCart() }
        var verdicts: [String: CartHold] = [:]
        var unanswered: UserDatabaseError?
        for (id, localStage) in try holdingPurchases() {
            if let localStage {
                verdicts[id] = CartHold(localStage)
                continue
            }
            // Once the journal did not answer, the rest are not asked (each would wait for it again): they stay held.
            guard unanswered == nil else { continue }
            do {
                verdicts[id] = CartHold(try await journal.purchase(id: id)?.stage)
            } catch {
                unanswered = error
            }
        }
        var saved = try cartWrite { db in
            for (id, verdict) in verdicts { try Self.settle(id, verdict, in: db) }
            return try Self.savedCart(in: db)
        }
        if let unanswered {
            let lines = saved.held.filter { verdicts[$0.key] == nil }.values.reduce(0) { $0 + $1.count }
            saved.unsettled = lines == 1
                ? "\(unanswered.description) 1 cart line stays held by its purchase in flight until it answers, so it is not bought twice."
                : "\(unanswered.description) \(lines) cart lines stay held by their purchases in flight until it answers, so none is bought twice."
        }
        return saved
    }

    /// The purchases holding lines of the saved cart, each with its stage in this data directory's journal (nil: not
    /// there).
    private func holdingPurchases() throws(UserDatabaseError) -> [(String, PurchaseStage?)] {
        do {
            return try writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT DISTINCT held_by, purchase.stage FROM cart_line LEFT JOIN purchase ON purchase.id = held_by
                    WHERE held_by IS NOT NULL
                    """).map { row in (row[0], (row[1] as String?).flatMap(PurchaseStage.init(rawValue:))) }
            }
        } catch {
            throw UserDatabaseError(path: "the cart", detail: "\(error)")
        }
    }

    static func hold(_ lineIDs: [String], for purchaseId: String, in db: Database) throws {
        for id in lineIDs {
            try db.execute(sql: "UPDATE cart_line SET held_by = ? WHERE id = ? AND held_by IS NULL", arguments: [purchaseId, id])
        }
    }

    static func settle(_ purchaseId: String, _ verdict: CartHold, in db: Database) throws {
        switch verdict {
        case .bought: try db.execute(sql: "DELETE FROM cart_line WHERE held_by = ?", arguments: [purchaseId])
        case .free: try db.execute(sql: "UPDATE cart_line SET held_by = NULL WHERE held_by = ?", arguments: [purchaseId])
        case .inFlight: break
        }
    }

    /// The saved cart in order, with the lines each purchase holds.
    static func savedCart(in db: Database) throws -> SavedCart {
        let records = try CartLineRecord.order(Column("position")).fetchAll(db)
        var held: [String: [String]] = [:]
        for record in records { if let purchase = record.heldBy { held[purchase, default: []].append(record.id) } }
        return SavedCart(lines: records.compactMap(\.line), held: held)
    }

    private func cartWrite<T>(_ body: (Database) throws -> T) throws(UserDatabaseError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw UserDatabaseError(path: "the cart", detail: "\(error)")
        }
    }
}
