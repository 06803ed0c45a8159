import ChildProcesses
import Foundation
import StorefrontDomain

/// One intended purchase, bought the way a script would: the same `storefront buy` command run again after
/// every exit that leaves the purchase open (13 still pending, 14 unknown whether created, 69 API or network
/// failed, 75 team database unreachable, after a second) or a kill, until it ends for good or `--max-attempts`
/// runs were made. With several hosts, run N of purchase I goes to data directory (I + N) mod hosts.
struct SoakBuyer {
    /// How long a run that is not to be killed may take: a buyer still running after a day has hung.
    static let noKill: TimeInterval = 86_400

    /// Exit codes after which a script runs the command again.
    static let retryable: Set<Int32> = [13, 14, 69, 75]
    /// The team database is unreachable: a script waits a moment before trying again.
    static let unreachable: Int32 = 75

    struct Outcome {
        /// The last run's exit status (128 + 9 when it was killed).
        var finalStatus: Int32
        var runs: Int
        var kills: Int
        var gaveUp: Bool
    }

    let index: Int
    let options: SoakOptions
    let server: SoakServer
    let dataDirectories: [URL]
    let database: SoakDatabase?
    /// Tells this soak run's purchases apart from an earlier run's in a team database that outlives them.
    let runTag: String
    let log: URL

    /// Each purchase differs in value and quantity and carries its own email, which the server keeps on the
    /// invoice: how server invoices are matched back to the purchase meant.
    var email: String { "soak-\(options.seed)-\(runTag)-\(index)@example.com" }
    var idempotencyKey: String { "soak-\(options.seed)-\(runTag)-\(index)" }

    func arguments(run: Int) -> [String] {
        let dataDirectory = dataDirectories[(index + run) % dataDirectories.count]
        var arguments = ["buy", "test-gift-card-code", "--value", "\(10 * (1 + index % 10))", "--quantity", "\(1 + (index / 10) % 2)",
                         "--email", email, "--yes", "--json", "--timeout", "120",
                         "--data-dir", dataDirectory.path, "--api-url", server.baseURL]
        if options.useIdempotencyKey { arguments += ["--idempotency-key", idempotencyKey] }
        return arguments
    }

    func buy(random: inout SplitMix64) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") && !$0.key.hasPrefix("STOREFRONT_") }
        environment["BITREFILL_API_KEY"] = server.apiKey
        var outcome = Outcome(finalStatus: 0, runs: 0, kills: 0, gaveUp: false)
        while outcome.runs < options.maxAttempts {
            let killAfter: Duration? = random.unit() < options.killFraction ? options.killWindow * random.unit() : nil
            let host = (index + outcome.runs) % dataDirectories.count
            let run = try ChildProcess.start(URL(fileURLWithPath: options.storefront), arguments(run: outcome.runs),
                                             environment: environment.merging(database?.environment(host: host) ?? [:]) { $1 },
                                             stdout: log.path, stderr: log.path)
                .wait(timeout: killAfter.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? Self.noKill)
            // A kill counts only when it struck a running program.
            let (status, killed) = (run.status, run.timedOut && run.status == 128 + SIGKILL)
            outcome.runs += 1
            outcome.finalStatus = status
            if killed { outcome.kills += 1 }
            note("soak: run \(outcome.runs) on host \(host + 1) " + (killed ? "killed" : "exited \(status)"))
            guard killed || Self.retryable.contains(status) else { return outcome }
            if status == Self.unreachable { Thread.sleep(forTimeInterval: 1) }
        }
        outcome.gaveUp = true
        return outcome
    }

    /// A line in this purchase's log between the runs' own output, so a figure can be traced to its runs.
    private func note(_ line: String) {
        guard let handle = try? FileHandle(forWritingTo: log) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((line + "\n").utf8))
    }
}
