import StorefrontApp
import StorefrontDomain

/// Search as you type: each query typed a key at a time, one search per keystroke, as the UI sends them.
/// The words are those of the sandbox's catalog: brands, generic stems that match thousands of products,
/// accented names typed without accents, operators, eSIM regions.
enum SearchWorkload {
    static let typed = [
        "nordic books", "steamy games", "roamly europe", "cafe muller", "golden market", "pizza", "nova mobile",
        "riverside electric", "creme brulee", "urban outlet premium",
    ]

    /// Every prefix of every typed query, in typing order.
    static var keystrokes: [String] {
        typed.flatMap { text in (1...text.count).map { String(text.prefix($0)) } }
    }

    /// Runs every keystroke's search `rounds` times (the first round warms the caches and is not counted).
    static func measure(_ service: CatalogService, rounds: Int) throws -> Latencies {
        var samples: [(text: String, duration: Duration)] = []
        for round in 0...rounds {
            for text in keystrokes {
                let (_, elapsed) = try Stopwatch.time { try service.products(CatalogQuery(text: text, limit: 50)) }
                if round > 0 { samples.append((text, elapsed)) }
            }
        }
        let slowest = samples.sorted { $0.duration > $1.duration }.prefix(3).map { "\"\($0.text)\" \($0.duration.text)" }
        return Latencies(samples: samples.map(\.duration), slowest: slowest)
    }
}
