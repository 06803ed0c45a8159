import Foundation

/// Fixed-window counters per bucket, the live API's limits times the configured multiplier.
///
/// Buckets: every product endpoint (`/products...`) shares one with 60 per minute and 1000 per hour;
/// `/ping` has 1 per 3 seconds; every other endpoint (method and route) has its own 60 per 10 minutes.
/// The sandbox has one account, so the buckets are the account's.
actor RateLimiter {
    struct Rule: Sendable {
        let limit: Int
        let window: TimeInterval
    }

    struct Verdict: Sendable {
        let allowed: Bool
        let limit: Int
        let remaining: Int
        let resetAt: Date
    }

    private struct Window {
        var start: Date
        var count: Int
    }

    private let multiplier: Int
    private var windows: [String: Window] = [:]

    init(multiplier: Int) {
        self.multiplier = multiplier
    }

    /// The rules for a route pattern such as `/v2/products/{id}`; nil when the route is not limited.
    static func bucket(method: String, route: String) -> (name: String, rules: [Rule])? {
        if route.hasPrefix("/v2/sandbox/") { return nil }
        if route.hasPrefix("/v2/products") {
            return ("products", [Rule(limit: 60, window: 60), Rule(limit: 1000, window: 3600)])
        }
        if route == "/v2/ping" {
            return ("ping", [Rule(limit: 1, window: 3)])
        }
        return ("\(method) \(route)", [Rule(limit: 60, window: 600)])
    }

    /// Counts one request against every rule of the bucket, unless one of them is exhausted.
    func check(bucket: String, rules: [Rule], now: Date) -> Verdict {
        var states: [(rule: Rule, key: String, window: Window)] = rules.enumerated().map { index, rule in
            let key = "\(bucket)#\(index)"
            var window = windows[key] ?? Window(start: now, count: 0)
            if now >= window.start.addingTimeInterval(rule.window) {
                window = Window(start: now, count: 0)
            }
            return (Rule(limit: rule.limit * multiplier, window: rule.window), key, window)
        }
        if let exhausted = states.filter({ $0.window.count >= $0.rule.limit }).max(by: { resetAt($0) < resetAt($1) }) {
            for state in states { windows[state.key] = state.window }
            return Verdict(allowed: false, limit: exhausted.rule.limit, remaining: 0, resetAt: resetAt(exhausted))
        }
        for index in states.indices {
            states[index].window.count += 1
            windows[states[index].key] = states[index].window
        }
        guard let tightest = states.min(by: { lhs, rhs in
            let left = lhs.rule.limit - lhs.window.count
            let right = rhs.rule.limit - rhs.window.count
            return left != right ? left < right : resetAt(lhs) < resetAt(rhs)
        }) else {
            return Verdict(allowed: true, limit: 0, remaining: 0, resetAt: now)
        }
        return Verdict(allowed: true, limit: tightest.rule.limit, remaining: tightest.rule.limit - tightest.window.count, resetAt: resetAt(tightest))
    }

    private func resetAt(_ state: (rule: Rule, key: String, window: Window)) -> Date {
        state.window.start.addingTimeInterval(state.rule.window)
    }
}
