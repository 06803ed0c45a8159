import Foundation

/// Wall-clock timing on the monotonic clock.
enum Stopwatch {
    static func time<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        return (value, clock.now - start)
    }

    static func time<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try body()
        return (value, clock.now - start)
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15
    }

    var text: String {
        milliseconds >= 1_000 ? String(format: "%.2f s", milliseconds / 1_000) : String(format: "%.2f ms", milliseconds)
    }
}

/// Latency figures of many samples.
struct Latencies {
    var samples: [Duration]
    /// The slowest samples, described.
    var slowest: [String] = []

    func percentile(_ fraction: Double) -> Duration {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .zero }
        let index = min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }

    var summary: String {
        "p50 \(percentile(0.5).text), p99 \(percentile(0.99).text), max \(percentile(1).text) over \(samples.count) queries; slowest \(slowest.joined(separator: ", "))"
    }
}
