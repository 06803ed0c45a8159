import ArgumentParser
import Foundation
import Hummingbird
import SandboxServer

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the sandbox: a local server that speaks the Bitrefill API v2, with a seeded catalog.",
        subcommands: [Serve.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the sandbox API on a local port until interrupted.",
            discussion: """
            Point a client at it with --api-url http://HOST:PORT/v2 --api-key sandbox-key (or Basic sandbox-id / \
            sandbox-secret). POST /v2/sandbox/invoices/{id}/simulate-payment pays a crypto invoice at once; it \
            exists only in the sandbox.
            """
        )

        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
        @Option(help: "Response shapes: observed (live API) or docs (documented).") var dialect: DialectOption = .observed
        @Option(help: "Seed of the catalog, ids and faults.") var seed: UInt64 = 1
        @Option(help: "Number of generated products.") var products = 5_000
        @Option(help: "Account currency: BTC (sats), EUR or USD (cents).") var currency = "BTC"
        @Option(help: "Starting balance in the currency's smallest unit.") var balance: Int64 = 5_000_000
        @Option(help: "Accepted Bearer key (repeat for several).") var apiKey: [String] = []
        @Option(help: "Rate limits: real, relaxed (10x) or off.") var rateLimits: RateLimitOption = .real
        @Option(help: "Seconds until a crypto payment is detected.") var paymentDelay: Double = 20
        @Option(help: "Seconds from payment to delivery.") var deliveryDelay: Double = 3
        @Option(help: "Minutes until an unpaid invoice expires.") var invoiceExpiry: Double = 180
        @Option(help: "Share of requests answered 503 (0...1).") var faultServerErrors: Double = 0
        @Option(help: "Share of requests answered 429 (0...1).") var faultRateLimits: Double = 0
        @Option(help: "Seconds until the reset a random 429 announces.") var faultRateLimitReset: Double = 30
        @Option(help: "Share of requests delayed by --fault-slow-seconds (0...1).") var faultSlow: Double = 0
        @Option(help: "Delay of a slow request, in seconds.") var faultSlowSeconds: Double = 2
        @Option(help: "Share of requests whose connection is dropped after handling (0...1).") var faultDrops: Double = 0
        @Option(help: "Share of requests whose connection is dropped before handling (0...1).") var faultDropsBefore: Double = 0
        @Option(help: "Share of requests answered with a malformed body (0...1).") var faultMalformed: Double = 0

        enum DialectOption: String, ExpressibleByArgument, CaseIterable {
            case observed, docs
        }

        enum RateLimitOption: String, ExpressibleByArgument, CaseIterable {
            case real, relaxed, off

            var limits: SandboxRateLimits {
                switch self {
                case .real: .real
                case .relaxed: .relaxed
                case .off: .off
                }
            }
        }

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port).") }
            guard products >= 0 else { throw ValidationError("--products must be 0 or more.") }
            for (name, rate) in [("--fault-server-errors", faultServerErrors), ("--fault-rate-limits", faultRateLimits),
                                 ("--fault-slow", faultSlow), ("--fault-drops", faultDrops), ("--fault-drops-before", faultDropsBefore),
                                 ("--fault-malformed", faultMalformed)]
            where !(0...1).contains(rate) {
                throw ValidationError("\(name) is a share of requests from 0 to 1, not \(rate).")
            }
            for (name, value) in [("--payment-delay", paymentDelay), ("--delivery-delay", deliveryDelay),
                                  ("--invoice-expiry", invoiceExpiry), ("--fault-slow-seconds", faultSlowSeconds),
                                  ("--fault-rate-limit-reset", faultRateLimitReset)] where value < 0 {
                throw ValidationError("\(name) cannot be negative.")
            }
        }

        func run() async throws {
            var configuration = SandboxConfiguration(
                seed: seed, productCount: products, dialect: dialect == .docs ? .docs : .observed,
                currency: currency.uppercased(), initialBalance: balance,
                rateLimits: rateLimits.limits,
                paymentDetectionDelay: .milliseconds(Int(paymentDelay * 1000)),
                deliveryDelay: .milliseconds(Int(deliveryDelay * 1000)),
                invoiceExpiry: .milliseconds(Int(invoiceExpiry * 60_000)),
                faults: SandboxFaults(serverErrorRate: faultServerErrors, rateLimitRate: faultRateLimits,
                                      rateLimitReset: .milliseconds(Int(faultRateLimitReset * 1000)), slowRate: faultSlow,
                                      slowDelay: .milliseconds(Int(faultSlowSeconds * 1000)),
                                      droppedConnectionRate: faultDrops, malformedBodyRate: faultMalformed,
                                      droppedBeforeHandlingRate: faultDropsBefore))
            if !apiKey.isEmpty { configuration.bearerKeys = apiKey }
            let keys = configuration.bearerKeys
            let app = try await buildSandboxApplication(configuration: configuration, host: host, port: port) { boundPort in
                print("Sandbox (\(dialect.rawValue) dialect, seed \(seed), \(products) products) on http://\(host):\(boundPort)/v2")
                print("Use: --api-url http://\(host):\(boundPort)/v2 --api-key \(keys[0])")
            }
            try await app.runService()
        }
    }
}
