import Foundation
import StorefrontDomain

/// `storefront-bench soak`: buys N purchases with the real `storefront` binary against a sandbox server
/// that fails on purpose, kills buyers at random moments, re-runs them as a script would, then counts what
/// a customer would call lost money.
///
/// Run it (a debug build works; release is faster):
/// ```sh
/// swift build --product storefront && swift build --product storefront-bench
/// .build/debug/storefront-bench soak --purchases 50 --seed 1 --without-idempotency-key
/// ```
/// Options (defaults in brackets): `--purchases N` [200], `--seed N` [1] (kills, fault draws and catalog),
/// `--kill-fraction F` [0.3] share of runs killed with SIGKILL, `--kill-window-ms MS` [2000] a kill lands
/// uniformly within this long after the run starts, `--max-attempts N` [20] runs per purchase,
/// `--without-idempotency-key` (for a `storefront` without `buy --idempotency-key`; by default every
/// purchase passes its own key), `--storefront PATH` [next to this program], fault shares of all requests
/// `--server-errors` [0.2] `--rate-limits` [0.1] `--drops-before` [0.025] `--drops-after` [0.025]
/// `--malformed` [0.03], `--delivery-delay S` [0.5] payment to delivery on the sandbox.
///
/// Figures: *purchases attempted* (purchases meant), *runs* (command runs, re-runs included), *kills
/// performed* (SIGKILLs that struck a running buyer), *invoices on the server*, *duplicates* (server
/// invoices beyond the first for one purchase meant, matched by the email each purchase carries), *lost
/// codes* (delivered orders on the server whose code is not in the journal), *unsettled* (journal purchases
/// not at stage settled or refused), *never bought* and *gave up* (purchases with no invoice, or still
/// failing after the last attempt: informative). It exits 1 when there is any duplicate, lost code or
/// unsettled purchase, and keeps the data directory and logs for a look.
///
/// `--hosts N` spreads each purchase's runs over N data directories in turn, as a desk's machines would. Without a
/// database each keeps its own journal (the figure before team mode); with `--database-url URL` they share the team
/// database, which is stopped at a random moment of the middle purchase's first run and started again
/// `--outage-seconds` [3] later (see `SoakDatabase`). Each host then runs `storefront team status` (which writes what an
/// outage left in its spool), and the journal read is the team database's plus whatever still waits in a spool.
enum Soak {
    static func run(_ arguments: [String], defaultStorefront: String) async -> Int32 {
        do {
            let options = try SoakOptions(arguments, defaultStorefront: defaultStorefront)
            guard FileManager.default.isExecutableFile(atPath: options.storefront) else {
                print("No storefront executable at \(options.storefront) (build it, or give --storefront PATH).")
                return 2
            }
            return try await soak(options)
        } catch {
            print("soak: \(error)")
            return 2
        }
    }

    private static func soak(_ options: SoakOptions) async throws -> Int32 {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-soak-\(getpid())", isDirectory: true)
        let dataDirectories = options.hosts == 1 ? [root.appendingPathComponent("data", isDirectory: true)]
            : (1...options.hosts).map { root.appendingPathComponent("data-\($0)", isDirectory: true) }
        for directory in dataDirectories { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        print("Storefront soak: \(options.purchases) purchases, seed \(options.seed), \(Int(options.killFraction * 100))% of runs killed, "
              + (options.useIdempotencyKey ? "with" : "without") + " --idempotency-key")
        if options.hosts > 1 || options.databaseURL != nil {
            print("Hosts: \(options.hosts) data directories, " + (options.databaseURL == nil ? "each its own journal"
                  : "sharing the team database, stopped for \(options.outageSeconds) s halfway through"))
        }
        print("Faults: \(percent(options.serverErrorRate)) 5xx, \(percent(options.rateLimitRate)) 429, "
              + "\(percent(options.dropBeforeRate)) dropped before handling, \(percent(options.dropAfterRate)) dropped after, "
              + "\(percent(options.malformedRate)) malformed bodies")
        print("Data and logs: \(root.path)")

        let database = try options.databaseURL.map { try SoakDatabase.prepare(url: $0, options: options, root: root) }
        let server = try SoakServer.start(options, log: root.appendingPathComponent("server.log"))
        defer { server.stop() }
        var random = SplitMix64(seed: options.seed)
        var runs = 0, kills = 0, gaveUp = 0
        var statuses: [Int32: Int] = [:]
        var emails: [String] = []
        var outage: SoakOutage?
        let runTag = String(UInt32(truncatingIfNeeded: UInt64(Date().timeIntervalSince1970 * 1000)), radix: 36)
        for index in 0..<options.purchases {
            if let database, index == options.purchases / 2 {
                outage = SoakOutage.start(database, after: options.killWindow * random.unit(), seconds: options.outageSeconds)
            }
            let buyer = SoakBuyer(index: index, options: options, server: server, dataDirectories: dataDirectories, database: database,
                                  runTag: runTag, log: root.appendingPathComponent("buy-\(index).log"))
            emails.append(buyer.email)
            let outcome = try buyer.buy(random: &random)
            runs += outcome.runs
            kills += outcome.kills
            if outcome.gaveUp { gaveUp += 1 }
            statuses[outcome.finalStatus, default: 0] += 1
            if (index + 1) % 10 == 0 { print("  \(index + 1) purchases, \(runs) runs, \(kills) kills") }
        }

        if let failure = outage?.finished() { print("The database outage failed: \(failure)") }
        if let database { SoakOutage.statusOnEveryHost(options, database: database, dataDirectories: dataDirectories, log: root) }
        let audit = try await SoakAudit.run(emails: emails, server: server, dataDirectories: dataDirectories, database: database)
        print("""

            purchases attempted   \(options.purchases)
            runs                  \(runs) (last exit status: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ")))
            kills performed       \(kills)
            invoices on server    \(audit.serverInvoices)\(audit.unattributed > 0 ? " (\(audit.unattributed) not from this soak)" : "")
            duplicates            \(audit.duplicates)
            delivered orders      \(audit.deliveredOrders)
            lost codes            \(audit.lostCodes)
            journal purchases     \(audit.journalPurchases)\(database == nil ? "" : " (\(audit.stillSpooled) still in a host's spool)")
            unsettled             \(audit.unsettled)
            never bought          \(audit.neverBought)
            gave up               \(gaveUp)
            """)
        print(audit.failed ? "FAIL: money a customer would not trust" : "PASS")
        return audit.failed ? 1 : 0
    }

    private static func percent(_ share: Double) -> String {
        String(format: "%g%%", share * 100)
    }
}
