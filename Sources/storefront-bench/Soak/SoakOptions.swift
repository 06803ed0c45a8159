import Foundation

/// What `storefront-bench soak` was asked to do; every option has a default, so a bare `soak` is the
/// standard run.
struct SoakOptions {
    var purchases = 200
    var seed: UInt64 = 1
    /// Share of runs of `storefront buy` killed with SIGKILL at a random moment.
    var killFraction = 0.3
    /// A killed run is killed this long after it started, at most (uniformly drawn).
    var killWindow: Duration = .milliseconds(2_000)
    /// Runs of one purchase's command before the soak gives up on it.
    var maxAttempts = 20
    var useIdempotencyKey = true
    var storefront: String
    var serverErrorRate = 0.20
    var rateLimitRate = 0.10
    var dropBeforeRate = 0.025
    var dropAfterRate = 0.025
    var malformedRate = 0.03
    /// Seconds from payment to delivery on the sandbox: long enough for kills to land mid-purchase.
    var deliveryDelay = 0.5
    /// Data directories (hosts) each purchase's runs are spread over, in turn.
    var hosts = 1
    /// The team database the hosts share (team mode); nil: each data directory keeps its own journal.
    var databaseURL: String?
    /// How long the team database stays down when it is restarted halfway through.
    var outageSeconds = 3.0

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = """
        storefront-bench soak [--purchases N] [--seed N] [--kill-fraction F] [--kill-window-ms MS] [--max-attempts N]
                              [--without-idempotency-key] [--storefront PATH] [--server-errors F] [--rate-limits F]
                              [--drops-before F] [--drops-after F] [--malformed F] [--delivery-delay S]
                              [--hosts N] [--database-url URL [--outage-seconds S]]
        """

    init(_ arguments: [String], defaultStorefront: String) throws {
        storefront = defaultStorefront
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw Invalid(description: "\(name) needs a value.\n\(Self.usage)") }
            return next
        }
        func number<T: LosslessStringConvertible>(_ name: String) throws -> T {
            guard let parsed = T(try value(name)) else { throw Invalid(description: "\(name) needs a number.\n\(Self.usage)") }
            return parsed
        }
        func share(_ name: String) throws -> Double {
            let parsed: Double = try number(name)
            guard (0...1).contains(parsed) else { throw Invalid(description: "\(name) is a share from 0 to 1, not \(parsed).") }
            return parsed
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--purchases": purchases = try number(argument)
            case "--seed": seed = try number(argument)
            case "--kill-fraction": killFraction = try share(argument)
            case "--kill-window-ms": killWindow = .milliseconds(try number(argument) as Int)
            case "--max-attempts": maxAttempts = try number(argument)
            case "--without-idempotency-key": useIdempotencyKey = false
            case "--storefront": storefront = try value(argument)
            case "--server-errors": serverErrorRate = try share(argument)
            case "--rate-limits": rateLimitRate = try share(argument)
            case "--drops-before": dropBeforeRate = try share(argument)
            case "--drops-after": dropAfterRate = try share(argument)
            case "--malformed": malformedRate = try share(argument)
            case "--delivery-delay": deliveryDelay = try number(argument)
            case "--hosts": hosts = try number(argument)
            case "--database-url": databaseURL = try value(argument)
            case "--outage-seconds": outageSeconds = try number(argument)
            default: throw Invalid(description: "Unknown option \(argument).\n\(Self.usage)")
            }
        }
        guard purchases > 0, maxAttempts > 0, hosts > 0 else {
            throw Invalid(description: "--purchases, --max-attempts and --hosts must be at least 1.")
        }
        guard serverErrorRate + rateLimitRate + dropBeforeRate + dropAfterRate + malformedRate <= 1 else {
            throw Invalid(description: "The fault rates add up to more than 1.")
        }
    }
}
