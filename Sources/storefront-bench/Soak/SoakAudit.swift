import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import TeamJournal

/// What the soak found once every purchase has ended: the server's invoices and delivered codes against the
/// journal, attributed to the purchases meant through the email each one carries.
struct SoakAudit {
    var serverInvoices = 0
    /// Server invoices beyond the first for one purchase meant: bought twice.
    var duplicates = 0
    /// Server invoices whose email names no purchase of this soak.
    var unattributed = 0
    /// Purchases meant that have no invoice on the server at all.
    var neverBought = 0
    var deliveredOrders = 0
    /// Delivered orders whose code the journal does not hold: paid for, and the customer cannot get it.
    var lostCodes = 0
    var journalPurchases = 0
    /// Journal purchases neither `settled` nor `refused`.
    var unsettled = 0
    /// Team mode: purchases still waiting in a host's spool (counted in the journal all the same: nothing is lost).
    var stillSpooled = 0

    static func run(emails: [String], server: SoakServer, dataDirectories: [URL], database: SoakDatabase?) async throws -> SoakAudit {
        var audit = SoakAudit()
        let client = BitrefillClient(configuration: ClientConfiguration(
            baseURL: URL(string: server.baseURL)!, credentials: .bearer(apiKey: server.apiKey), requestTimeout: .seconds(60)))
        let invoices = try await allInvoices(client)
        audit.serverInvoices = invoices.count

        let meant = Set(emails)
        let byEmail = Dictionary(grouping: invoices) { $0.email ?? "" }
        for (email, group) in byEmail {
            if meant.contains(email) { audit.duplicates += group.count - 1 } else { audit.unattributed += group.count }
        }
        audit.neverBought = meant.subtracting(byEmail.keys).count

        let purchases = try await journalPurchases(dataDirectories: dataDirectories, database: database, meant: meant, audit: &audit)
        audit.journalPurchases = purchases.count
        audit.unsettled = purchases.filter { $0.stage != .settled && $0.stage != .refused }.count
        let journalSecrets = Set(purchases.flatMap(\.orders).compactMap { $0.redemption.flatMap(Self.secret) })

        for order in invoices.flatMap(\.orders) {
            let full = try await persist { try await client.send(Endpoints.order(id: order.id)) }
            guard full.status == .delivered else { continue }
            audit.deliveredOrders += 1
            if let secret = full.redemptionInfo.flatMap(Self.secret), !journalSecrets.contains(secret) { audit.lostCodes += 1 }
        }
        return audit
    }

    var failed: Bool { duplicates > 0 || lostCodes > 0 || unsettled > 0 }

    /// Every journal's purchases: each data directory's own; or, in team mode, the team database's with the state a
    /// host's spool still holds in place of the team's (the spool's is newer), this soak's only.
    private static func journalPurchases(dataDirectories: [URL], database: SoakDatabase?, meant: Set<String>,
                                         audit: inout SoakAudit) async throws -> [Purchase] {
        let journals = try dataDirectories.map { try UserDatabase.open(at: $0.appendingPathComponent(UserDatabase.fileName)) }
        guard let database else { return try journals.flatMap { try $0.purchases(limit: 1_000_000) } }
        let url = try TeamDatabaseURL(parsing: database.url, defaultUser: ProcessInfo.processInfo.environment["USER"] ?? "postgres")
        let team = try await PostgresJournal.connect(url, key: try TeamKey.load(from: database.keyFile), agent: "soak-audit")
        defer { team.close() }
        var byId: [String: Purchase] = [:]
        for purchase in try await team.purchases(matching: "", limit: 1_000_000) where meant.contains(purchase.email ?? "") {
            byId[purchase.id] = purchase
        }
        for journal in journals {
            for spooled in try journal.spooled(for: url.place) {
                audit.stillSpooled += 1
                byId[spooled.purchase.id] = spooled.purchase
            }
        }
        return Array(byId.values)
    }

    /// The value a customer needs from an order: its code, else its barcode (an eSIM's LPA string), else its link.
    private static func secret(_ info: RedemptionInfo) -> String? { info.code ?? info.barcodeValue ?? info.link }
    private static func secret(_ redemption: Redemption) -> String? { redemption.code ?? redemption.barcodeValue ?? redemption.link }

    /// Every invoice, page by page (`start`, `limit`), each page retried on its own through the faults.
    private static func allInvoices(_ client: BitrefillClient) async throws -> [Invoice] {
        var invoices: [Invoice] = []
        while true {
            let start = invoices.count
            let page = try await persist { try await client.send(Endpoints.invoices(start: start)) }
            invoices += page
            if page.count < Endpoints.pageSize { return invoices }
        }
    }

    /// Reads through the injected faults: a read changes nothing, so it is simply tried again.
    private static func persist<T>(_ read: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await read()
            } catch where attempt < 100 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
