import Checkout
import Foundation
import Logging
import PostgresNIO
import StorefrontDomain

/// The team's purchase journal on PostgreSQL: every agent's purchases in one `purchase` table, with the columns of
/// the embedded journal (the same `PurchaseRecord` encoding) plus who bought (`agent`).
///
/// - An idempotency key is UNIQUE team-wide: hosts racing with one key make one purchase.
/// - Placements take turns team-wide through a session advisory lock held on one connection for the placement;
///   a host that dies drops its connection, and the server releases the lock.
/// - A purchase's orders (codes, PINs, links, barcodes, secret extra fields) are stored as one AES-GCM sealed value
///   (`orders_sealed`) under the team key, bound to the purchase id; the history search keeps no code endings here.
public final class PostgresJournal: PurchaseJournal {
    let client: PostgresClient
    let key: TeamKey
    let agent: String
    /// Where the database is, for messages (never the password).
    public let place: String
    /// What this agent's database role may do, as the database answered at connect.
    public let role: TeamRole
    /// The database's address without the password: what `addAgent` hands a new agent, with theirs.
    let address: TeamDatabaseURL
    private let running: Task<Void, Never>
    static let logger = Logger(label: "storefront.team-journal") { _ in SwiftLogNoOpLogHandler() }

    /// Advisory lock keys, fixed for the schema: one for migrating, one for placing.
    static let migrationLock: Int64 = 0x5354_4F52_4546_0001
    static let placementLock: Int64 = 0x5354_4F52_4546_0002
    /// How long the unlock after a placement may take before its connection is closed instead.
    static let unlockPatience: Duration = .seconds(3)

    /// Connects and migrates the schema (once, whoever starts first) before returning, and asks the database what
    /// this login role may do. The first connection is one of its own, so an unreachable database is reported at
    /// once (the pool would keep trying).
    public static func connect(_ url: TeamDatabaseURL, key: TeamKey, agent: String) async throws(UserDatabaseError) -> PostgresJournal {
        let role: TeamRole
        do {
            let first = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(),
                                                             configuration: try url.connectionConfiguration(), id: 0, logger: logger).get()
            do {
                role = try await first.failingOnClose { [logger] in
                    try await TeamSchema.migrate(first, logger: logger)
                    return try await TeamRole.of(first, logger: logger)
                }
                try await first.close()
            } catch {
                try? await first.close()
                throw error
            }
        } catch {
            throw UserDatabaseError(path: "the team journal at \(url.place)", detail: TeamSchema.describe(error))
        }
        return PostgresJournal(url: url, key: key, agent: agent, role: role)
    }

    private init(url: TeamDatabaseURL, key: TeamKey, agent: String, role: TeamRole) {
        let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: Self.logger)
        self.client = client
        self.key = key
        self.agent = agent
        self.place = url.place
        self.role = role
        var address = url
        address.password = nil
        self.address = address
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// Closes every connection: queries after this fail.
    public func close() { running.cancel() }

    public func placing<T: Sendable>(waiting: @Sendable () -> Void,
                                     _ body: () async throws(CheckoutError) -> T) async throws(CheckoutError) -> T {
        guard role.mayBuy else { throw CheckoutError(TeamRole.buyingRefused(place: place), journalFailure: .beforeSending) }
        let outcome: Result<T, CheckoutError>
        do {
            outcome = try await client.withConnection { connection in
                let lockKey = Self.placementLock
                let free = try await connection.query("SELECT pg_try_advisory_lock(\(lockKey))", logger: Self.logger)
                    .collect().first?.decode(Bool.self) ?? false
                if !free {
                    waiting()
                    try await connection.query("SELECT pg_advisory_lock(\(lockKey))", logger: Self.logger)
                }
                // The placement's own reads and writes go over the connection it already holds: no lease per query.
                let held = PlacementConnection(journal: ObjectIdentifier(self), connection: connection)
                let outcome: Result<T, CheckoutError> = await Self.$placementConnection.withValue(held) {
                    do throws(CheckoutError) {
                        return .success(try await body())
                    } catch {
                        return .failure(error)
                    }
                }
                // The placement ran: its outcome stands whatever the unlock does. A connection that cannot unlock (or
                // does not answer: one the server dropped during the placement may never) is closed rather than handed
                // back to the pool holding the turn (closing releases it).
                let unlocked = await answer(within: Self.unlockPatience, else: false) {
                    (try? await connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: Self.logger)) != nil
                }
                if !unlocked { Task { try? await connection.close() } }
                return outcome
            }
        } catch {
            // Only taking the turn throws here: the placement never started.
            throw CheckoutError("Cannot take a turn to place a purchase: \(failure(error)) Nothing was bought.",
                                journalFailure: .beforeSending)
        }
        return try outcome.get()
    }

    /// One round trip over the pool: whether it answers now.
    public func ping() async throws(UserDatabaseError) {
        _ = try await run { [self] in try await client.query("SELECT 1", logger: Self.logger).collect() }
    }

    public func save(_ purchase: Purchase, at now: Date) async throws(UserDatabaseError) {
        guard try await update(purchase, at: now, where: "id = $2") else {
            throw failure(JournalFault("no journal entry \(purchase.id)"))
        }
    }

    /// Replaces the saved columns of the purchase where `condition` holds (`$2` is its id; `fence`, if any, is `$3`),
    /// waiting for the disk as `durability` asks; false: no row matched.
    func update(_ purchase: Purchase, at now: Date, where condition: String, _ fence: (any PostgresThrowingDynamicTypeEncodable)? = nil,
                durability: WriteDurability = .beforeSending) async throws(UserDatabaseError) -> Bool {
        try await run { [self] in
            let row = try sealedRow(purchase, requestHash: "", at: now)
            let columns = TeamSchema.savedColumns.joined(separator: ", ")
            let updated = try await query(PostgresQuery(unsafeSQL: """
                \(Self.commit(durability))
                UPDATE purchase SET (\(columns)) = (SELECT \(columns) FROM jsonb_populate_record(NULL::purchase, $1::jsonb))
                FROM commit_mode WHERE \(condition) RETURNING purchase.id
                """, binds: Self.binds([row, purchase.id] + (fence.map { [$0] } ?? []))), logger: Self.logger).collect()
            return !updated.isEmpty
        }
    }

    /// The head of a one-statement transaction that commits as `durability` asks: a one-row `commit_mode` to join,
    /// whose reading sets `synchronous_commit` for this transaction only (`set_config(…, true)`), whatever the
    /// server's default. A recoverable write then commits without waiting for the server's disk; a later durable
    /// commit flushes it with everything before it, as the write-ahead log is one sequence.
    static func commit(_ durability: WriteDurability) -> String {
        let mode = durability == .recoverable ? "off" : "on"
        return "WITH commit_mode AS MATERIALIZED (SELECT set_config('synchronous_commit', '\(mode)', true))"
    }

    /// The row a new intent is inserted as, free of any lease.
    func rowOf(_ purchase: Purchase, requestHash: String, at now: Date) throws(UserDatabaseError) -> String {
        do {
            return try sealedRow(purchase, requestHash: requestHash, at: now)
        } catch {
            throw failure(error)
        }
    }

    public func purchase(id: String) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("WHERE id = $1", [id]).first
    }

    public func purchase(invoiceId: String, source: String) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("WHERE invoice_id = $1 AND source = $2", [invoiceId, source]).first
    }

    public func newestPurchase(invoiceId: String) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("WHERE invoice_id = $1 ORDER BY created_at DESC LIMIT 1", [invoiceId]).first
    }

    public func purchase(idempotencyKey key: String) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("WHERE idempotency_key = $1", [key]).first
    }

    public func requestHash(of id: String) async throws(UserDatabaseError) -> String? {
        try await run { [self] in
            try await query("SELECT request_hash FROM purchase WHERE id = \(id)", logger: Self.logger)
                .collect().first?.decode(String.self)
        }
    }

    public func openPurchase(source: String, requestHash: String, stages: [PurchaseStage]) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("WHERE source = $1 AND request_hash = $2 AND stage = ANY($3) ORDER BY created_at DESC LIMIT 1",
                        [source, requestHash, stages.map(\.rawValue)]).first
    }

    /// `$5` empty: the request has no ticket, and a purchase for any ticket (or none) is the same.
    public func recentPurchase(source: String, bodyHash: String, ticket: String?, stages: [PurchaseStage],
                               since: Date) async throws(UserDatabaseError) -> Purchase? {
        try await fetch("""
            WHERE source = $1 AND body_hash = $2 AND stage = ANY($3) AND updated_at >= $4
            AND ($5 = '' OR ticket IS NULL OR ticket = $5) ORDER BY updated_at DESC LIMIT 1
            """, [source, bodyHash, stages.map(\.rawValue), since.timeIntervalSince1970, ticket ?? ""]).first
    }

    public func unfinishedPurchases(source: String) async throws(UserDatabaseError) -> [Purchase] {
        try await fetch("WHERE source = $1 AND stage = ANY($2) ORDER BY created_at",
                        [source, PurchaseStage.unfinished.map(\.rawValue)])
    }

    public func knownInvoiceIds(source: String) async throws(UserDatabaseError) -> Set<String> {
        try await run { [self] in
            var ids = Set<String>()
            let rows = try await query("""
                SELECT invoice_id FROM purchase WHERE source = \(source) AND invoice_id IS NOT NULL
                """, logger: Self.logger)
            for try await id in rows.decode(String.self) { ids.insert(id) }
            return ids
        }
    }

    /// The history as the embedded journal has it: unfinished first, then newest first; every word of the filter's
    /// search, or the number it spells, matched in the search words (which here hold no code endings); its agent,
    /// ticket and stage narrowing it further.
    public func purchases(matching filter: PurchaseFilter, limit: Int) async throws(UserDatabaseError) -> [Purchase] {
        let words = filter.search.lowercased().split(whereSeparator: \.isWhitespace).map { "%" + Self.escapeLike(String($0)) + "%" }
        let numbers = (PhoneSearch.digitForms(filter.search) ?? []).map { "%" + Self.escapeLike($0) + "%" }
        let unfinished = PurchaseStage.unfinished.map(\.rawValue)
        var conditions = words.isEmpty ? [] : ["((search_text LIKE ALL($1)) OR (search_text LIKE ANY($2)))"]
        if filter.agent != nil { conditions.append("agent = $5") }
        if filter.ticket != nil { conditions.append("ticket = $6") }
        if filter.unfinishedOnly { conditions.append("stage = ANY($3)") }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await fetch("""
            \(clause) ORDER BY CASE WHEN stage = ANY($3) THEN 0 ELSE 1 END, created_at DESC LIMIT $4
            """, [words, numbers, unfinished, limit, filter.agent ?? "", filter.ticket ?? ""])
    }

    // MARK: Rows

    /// The connection holding the placement turn, while a placement on this journal runs on this task.
    struct PlacementConnection: Sendable {
        let journal: ObjectIdentifier
        let connection: PostgresConnection
    }

    @TaskLocal static var placementConnection: PlacementConnection?

    func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        if let held = Self.placementConnection, held.journal == ObjectIdentifier(self) {
            return try await held.connection.query(query, logger: logger)
        }
        return try await client.query(query, logger: logger)
    }

    /// The purchase as the embedded journal would store it, its orders sealed, its code endings left out of the search
    /// words, and its agent: one JSON object whose keys are the table's columns. Encoded once, in one pass: this runs
    /// for every write inside the desk's placement turn.
    func sealedRow(_ purchase: Purchase, requestHash: String, at now: Date) throws -> String {
        var record = try PurchaseRecord(purchase, requestHash: requestHash, updatedAt: now)
        let sealed = try key.seal(record.ordersJSON, purchaseId: purchase.id)
        // The orders in clear never leave this host: only their sealed form is sent.
        record.ordersJSON = ""
        record.searchText = record.searchText.split(separator: " ").filter { !$0.hasPrefix("…") }.joined(separator: " ")
        record.agent = purchase.agent ?? agent
        return String(decoding: try Self.encoder.encode(TeamRow(record: record, ordersSealed: sealed)), as: UTF8.self)
    }

    /// A purchase's row as sent: the embedded journal's columns, and the team's own.
    private struct TeamRow: Encodable {
        var record: PurchaseRecord
        var ordersSealed: String

        enum TeamKeys: String, CodingKey {
            case ordersSealed = "orders_sealed", leaseEpoch = "lease_epoch"
        }

        func encode(to encoder: any Encoder) throws {
            try record.encode(to: encoder)
            var columns = encoder.container(keyedBy: TeamKeys.self)
            try columns.encode(ordersSealed, forKey: .ordersSealed)
            try columns.encode(0, forKey: .leaseEpoch)
        }
    }

    private func fetch(_ clause: String, _ values: [any PostgresThrowingDynamicTypeEncodable]) async throws(UserDatabaseError) -> [Purchase] {
        try await run { [self] in
            let sql = "SELECT ((to_jsonb(p) - 'orders_sealed') || '{\"orders_json\": \"\"}')::text, p.orders_sealed FROM purchase p " + clause
            var purchases: [Purchase] = []
            let rows = try await query(PostgresQuery(unsafeSQL: sql, binds: try Self.binds(values)), logger: Self.logger)
            for try await (json, sealed) in rows.decode((String, String).self) {
                purchases.append(try purchase(json: json, sealed: sealed))
            }
            return purchases
        }
    }

    /// A row read as the table's JSON (orders left out) and its sealed orders, opened with the team key.
    func purchase(json: String, sealed: String) throws -> Purchase {
        var record = try Self.decoder.decode(PurchaseRecord.self, from: Data(json.utf8))
        record.ordersJSON = try key.unseal(sealed, purchaseId: record.id)
        return try record.purchase()
    }

    static func binds(_ values: [any PostgresThrowingDynamicTypeEncodable]) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { try binds.append(value) }
        return binds
    }

    static func binds(_ values: any PostgresThrowingDynamicTypeEncodable...) throws -> PostgresBindings {
        try binds(values)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    // MARK: Errors

    func run<T>(_ body: () async throws -> T) async throws(UserDatabaseError) -> T {
        do {
            return try await body()
        } catch {
            throw failure(error)
        }
    }

    /// A database error in words that name the database and what went wrong, never a bound value (a code, a key).
    func failure(_ error: any Error) -> UserDatabaseError {
        UserDatabaseError(path: "the team journal at \(place)", detail: TeamSchema.describe(error))
    }
}

/// A journal write that found nothing to write.
struct JournalFault: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
