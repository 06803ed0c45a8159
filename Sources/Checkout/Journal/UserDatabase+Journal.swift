import Foundation
import GRDB
import StorefrontDomain

/// The purchase journal: every intent is written before it is sent, and every answer as it arrives, so that
/// no purchase is made twice and no delivered code is lost, whatever stops the program.
extension UserDatabase {
    static func registerJournalMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("journal") { db in
            try db.create(table: "purchase", options: [.strict]) { table in
                table.column("id", .text).notNull().primaryKey()
                table.column("created_at", .real).notNull()
                table.column("updated_at", .real).notNull()
                table.column("source", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("lines_json", .text).notNull()
                table.column("request_hash", .text).notNull()
                table.column("payment_method", .text).notNull()
                table.column("auto_pay", .integer).notNull()
                table.column("refund_address", .text)
                table.column("email", .text)
                table.column("stage", .text).notNull()
                table.column("invoice_id", .text)
                table.column("invoice_status", .text)
                table.column("payment_status", .text)
                table.column("payment_json", .text)
                table.column("expires_at", .real)
                table.column("pay_requested_at", .real)
                table.column("orders_json", .text).notNull()
                table.column("timeline_json", .text).notNull()
                table.column("problem", .text)
                table.column("refusal_code", .text)
                table.column("orders_final_at", .real)
                table.column("search_text", .text).notNull()
            }
            try db.create(index: "purchase_by_stage", on: "purchase", columns: ["stage", "created_at"])
            // Invoice ids are unique per API, not across them: two sandboxes (or the seeded embedded one, run
            // after run) hand out the same ids.
            try db.create(index: "purchase_by_invoice", on: "purchase", columns: ["source", "invoice_id"], unique: true)
        }
        // A key names one purchase in this journal, on whatever API: reusing it can never make a second one.
        migrator.registerMigration("idempotency key") { db in
            try db.alter(table: "purchase") { table in table.add(column: "idempotency_key", .text) }
            try db.create(index: "purchase_by_idempotency_key", on: "purchase", columns: ["idempotency_key"], unique: true,
                          condition: Column("idempotency_key") != nil)
        }
        // Who bought it over SSH: the listed key's fingerprint, so a shared server journal says whose purchase it is.
        migrator.registerMigration("buyer key") { db in
            try db.alter(table: "purchase") { table in table.add(column: "buyer_key", .text) }
        }
        // The search text once held codes and PINs only: links, barcodes and activation codes, and phone numbers as
        // digits, are matched since. Rebuilt from the purchases themselves; a row that cannot be read keeps its old
        // words rather than keep the journal from opening.
        migrator.registerMigration("search every masked value") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, invoice_id, lines_json, orders_json FROM purchase")
            for row in rows {
                guard let lines = try? PurchaseRecord.decode([PurchaseLine].self, row["lines_json"]),
                      let orders = try? PurchaseRecord.decode([PurchaseOrder].self, row["orders_json"]) else { continue }
                let words = PurchaseRecord.searchWords(id: row["id"], invoiceId: row["invoice_id"], lines: lines, orders: orders)
                try db.execute(sql: "UPDATE purchase SET search_text = ? WHERE id = ?", arguments: [words, row["id"] as String])
            }
        }
    }

    /// Who bought each purchase, and for which ticket. At most one purchase in flight claims a ticket (see
    /// `Purchase.claimsTicket`), which the index keeps true even for a writer that skipped the placement's check.
    static func registerDeskMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("agent and ticket") { db in
            try db.alter(table: "purchase") { table in
                table.add(column: "agent", .text)
                table.add(column: "ticket", .text)
                table.add(column: "ticket_claimed", .integer).notNull().defaults(to: false)
            }
            try db.execute(sql: """
                CREATE UNIQUE INDEX purchase_ticket_in_flight ON purchase (ticket)
                WHERE ticket_claimed AND stage IN \(PurchaseStage.sqlList(PurchaseStage.unfinished))
                """)
        }
    }

    /// Writes a new intent. Called before the create request leaves, so a crash mid-request leaves a trace.
    /// The cart lines it is made from (`takingCartLines`) are held by it in the same transaction.
    public func recordIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String] = [],
                             at now: Date) throws(UserDatabaseError) {
        try journalWrite { db in try Self.insertIntent(purchase, requestHash: requestHash, takingCartLines: lineIDs, at: now, in: db) }
    }

    static func insertIntent(_ purchase: Purchase, requestHash: String, takingCartLines lineIDs: [String], at now: Date,
                             in db: Database) throws {
        try PurchaseRecord(purchase, requestHash: requestHash, updatedAt: now).insert(db)
        try hold(lineIDs, for: purchase.id, in: db)
    }

    /// Replaces what the journal knows of a purchase with `purchase` (the request hash is kept).
    public func save(_ purchase: Purchase, at now: Date) throws(UserDatabaseError) {
        try journalWrite { db in try Self.update(purchase, at: now, in: db) }
    }

    static func update(_ purchase: Purchase, at now: Date, in db: Database) throws {
        guard var record = try PurchaseRecord.fetchOne(db, key: purchase.id) else {
            throw DatabaseError(message: "no journal entry \(purchase.id)")
        }
        record = try PurchaseRecord(purchase, requestHash: record.requestHash, updatedAt: now)
        try record.update(db)
        // The cart lines it holds leave the cart once its invoice exists and are free again once it is known never
        // made, in the transaction that records the stage.
        try settle(purchase.id, CartHold(purchase.stage), in: db)
    }

    public func purchase(id: String) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in try PurchaseRecord.fetchOne(db, key: id)?.purchase() }
    }

    /// The purchase that became invoice `invoiceId` on `source`, if it was made here.
    public func purchase(invoiceId: String, source: String) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in
            try PurchaseRecord.filter(Column("invoice_id") == invoiceId && Column("source") == source).fetchOne(db)?.purchase()
        }
    }

    /// The purchases that became any of `invoiceIds` on `source`, by invoice id.
    public func purchases(invoiceIds: Set<String>, source: String) throws(UserDatabaseError) -> [String: Purchase] {
        try journalRead { db in
            var found: [String: Purchase] = [:]
            // In chunks well under SQLite's limit on bound parameters.
            let ids = Array(invoiceIds)
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                for record in try PurchaseRecord.filter(Column("source") == source && chunk.contains(Column("invoice_id"))).fetchAll(db) {
                    let purchase = try record.purchase()
                    if let invoiceId = purchase.invoiceId { found[invoiceId] = purchase }
                }
            }
            return found
        }
    }

    /// The newest purchase that became invoice `invoiceId` on any API, for showing what the journal knows.
    public func newestPurchase(invoiceId: String) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in
            try PurchaseRecord.filter(Column("invoice_id") == invoiceId).order(Column("created_at").desc).fetchOne(db)?.purchase()
        }
    }

    /// The history: unfinished purchases first, then newest first; the filter's search words match invoice ids,
    /// products, phone numbers (typed in international or national form), ICCIDs and the last characters of every
    /// masked value (code, PIN, link, barcode, activation code); its agent, ticket and stage narrow it further.
    public func purchases(matching filter: PurchaseFilter = PurchaseFilter(), limit: Int = 500) throws(UserDatabaseError) -> [Purchase] {
        let words = filter.search.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        return try journalRead { db in
            var request = PurchaseRecord.all()
            if !words.isEmpty {
                func contains(_ text: String) -> SQLExpression {
                    Column("search_text").like("%\(Self.escapeLike(text))%", escape: "\\")
                }
                let everyWord = words.map(contains).joined(operator: .and)
                // A number typed as people say it: its digits, without a trunk 0 or a 00 for +, as one word.
                let asNumber = (PhoneSearch.digitForms(filter.search) ?? []).map(contains)
                request = request.filter(([everyWord] + asNumber).joined(operator: .or))
            }
            if let agent = filter.agent { request = request.filter(Column("agent") == agent) }
            if let ticket = filter.ticket { request = request.filter(Column("ticket") == ticket) }
            if filter.unfinishedOnly {
                request = request.filter(PurchaseStage.unfinished.map(\.rawValue).contains(Column("stage")))
            }
            return try request
                .order(SQL(sql: "CASE WHEN stage IN \(PurchaseStage.sqlList(PurchaseStage.unfinished)) THEN 0 ELSE 1 END"),
                       Column("created_at").desc)
                .limit(limit)
                .fetchAll(db)
                .map { try $0.purchase() }
        }
    }

    /// Purchases on `source` that are not finished: what is resumed at start.
    public func unfinishedPurchases(source: String) throws(UserDatabaseError) -> [Purchase] {
        try journalRead { db in
            try PurchaseRecord
                .filter(Column("source") == source)
                .filter(PurchaseStage.unfinished.map(\.rawValue).contains(Column("stage")))
                .order(Column("created_at"))
                .fetchAll(db)
                .map { try $0.purchase() }
        }
    }

    /// The newest purchase of the same request on `source` in one of `stages`: running the same purchase
    /// again continues it instead of buying twice.
    public func openPurchase(source: String, requestHash: String,
                             stages: [PurchaseStage] = PurchaseStage.unfinished + [.notCreated]) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in
            try PurchaseRecord
                .filter(Column("source") == source && Column("request_hash") == requestHash)
                .filter(stages.map(\.rawValue).contains(Column("stage")))
                .order(Column("created_at").desc)
                .fetchOne(db)?
                .purchase()
        }
    }

    /// The purchase made with the idempotency key `key`, on any API.
    public func purchase(idempotencyKey key: String) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in try PurchaseRecord.filter(Column("idempotency_key") == key).fetchOne(db)?.purchase() }
    }

    /// The request hash a purchase was written with, so a key reused for a different request is told apart.
    public func requestHash(of id: String) throws(UserDatabaseError) -> String? {
        try journalRead { db in try String.fetchOne(db, sql: "SELECT request_hash FROM purchase WHERE id = ?", arguments: [id]) }
    }

    /// The newest purchase of the same body on `source` in one of `stages` whose journal entry changed since `since`,
    /// for `ticket` or none (for any, without one): the same card bought moments ago is most likely a retried command
    /// or one customer served twice, not a wish for two.
    public func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                               since: Date) throws(UserDatabaseError) -> Purchase? {
        try journalRead { db in
            try PurchaseRecord
                .filter(Column("source") == source && Column("body_hash") == bodyHash)
                .filter(ticket.map { Column("ticket") == nil || Column("ticket") == $0 } ?? true.databaseValue)
                .filter(stages.map(\.rawValue).contains(Column("stage")))
                .filter(Column("updated_at") >= since.timeIntervalSince1970)
                .order(Column("updated_at").desc)
                .fetchOne(db)?
                .purchase()
        }
    }

    /// Invoice ids the journal already accounts for, so reconciliation never adopts one twice.
    public func knownInvoiceIds(source: String) throws(UserDatabaseError) -> Set<String> {
        try journalRead { db in
            Set(try String.fetchAll(db, sql: "SELECT invoice_id FROM purchase WHERE source = ? AND invoice_id IS NOT NULL",
                                    arguments: [source]))
        }
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    private func journalWrite(_ body: (Database) throws -> Void) throws(UserDatabaseError) {
        do {
            try writer.write(body)
        } catch {
            throw UserDatabaseError(path: "the purchase journal", detail: "\(error)")
        }
    }

    private func journalRead<T>(_ body: (Database) throws -> T) throws(UserDatabaseError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw UserDatabaseError(path: "the purchase journal", detail: "\(error)")
        }
    }
}
