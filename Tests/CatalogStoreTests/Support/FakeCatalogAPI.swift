import BitrefillAPI
import Foundation
import CatalogStore
import Synchronization

/// A product as a test writes it, served in either dialect by `FakeCatalogAPI`.
struct FakeProduct: Sendable {
    var id: String
    var name: String
    var type: String? = nil
    var country: String? = "US"
    var countryName: String? = nil
    var currency = "USD"
    var categories: [String] = ["gifts"]
    var recipientType: String? = "none"
    var inStock = true
    var packages: [(id: String, value: String, price: Int)] = [("p10", "10", 16_000)]
    var range: (min: Int, max: Int, step: Int, rate: Double)? = nil
    var coverage: [String] = []

    /// The live shape (`country_code`, no `type`) or the documented one (`type`, `country`, `package_id`).
    func json(docs: Bool) -> [String: Any] {
        var object: [String: Any] = ["id": id, "name": name, "currency": currency, "in_stock": inStock]
        if docs {
            object["type"] = type ?? "gift_card"
            if let country { object["country"] = country }
            object["packages"] = packages.map { ["package_id": "\(id)<&>\($0.value)", "value": Int($0.value) ?? 0, "price": $0.price] as [String: Any] }
        } else {
            if let type { object["type"] = type }
            if let country { object["country_code"] = country }
            if let countryName { object["country_name"] = countryName }
            object["categories"] = categories
            if let recipientType { object["recipient_type"] = recipientType }
            object["packages"] = packages.map { ["id": "\(id)<&>\($0.id)", "value": $0.value, "price": $0.price, "amount": Int($0.value) ?? 0] as [String: Any] }
        }
        if let range { object["range"] = ["min": range.min, "max": range.max, "step": range.step, "price_rate": range.rate] }
        if !coverage.isEmpty { object["coverage"] = coverage }
        return object
    }
}

/// An in-memory API serving `/products`, `/products/esims` and `/accounts/balance` with `start`/`limit` paging
/// and `_next` links, plus scripted faults. Tests change its catalog between refreshes.
final class FakeCatalogAPI: Sendable {
    enum Fault: Sendable {
        /// Every request for a `/products` page starting at `start` or later answers this status.
        case status(Int, fromStart: Int)
        /// The page at `start` is not JSON.
        case garbage(atStart: Int)
        /// The page at `start` answers 429 this many times, with a reset `seconds` away.
        case rateLimited(atStart: Int, times: Int, seconds: Int)
        /// Every page reports the budget as spent, with a reset `seconds` away.
        case budgetSpent(seconds: Int)
        /// The element at `index` of the products listing is not a product.
        case unreadable(index: Int)
    }

    struct State {
        var products: [FakeProduct] = []
        var esims: [FakeProduct] = []
        var docs = false
        var faults: [Fault] = []
        var requests: [String] = []
        var rateLimitedSoFar = 0
    }

    static let baseURL = URL(string: "https://api.example.test/v2")!
    let state = Mutex(State())
    let pageSize: Int

    init(products: [FakeProduct] = [], esims: [FakeProduct] = [], docs: Bool = false, pageSize: Int = 2) {
        self.pageSize = pageSize
        state.withLock {
            $0.products = products
            $0.esims = esims
            $0.docs = docs
        }
    }

    func update(_ change: (inout State) -> Void) {
        state.withLock { change(&$0) }
    }

    var requests: [String] { state.withLock { $0.requests } }

    var transport: HTTPTransport {
        HTTPTransport { [self] request in respond(to: request) }
    }

    /// A client of this API whose sleeps return at once, sending its events to `relay`.
    func client(relay: ClientEventRelay? = nil, maxRateLimitWaits: Int = 8) -> BitrefillClient {
        let configuration = ClientConfiguration(
            baseURL: Self.baseURL, credentials: .bearer(apiKey: "test-key"), maxRateLimitWaits: maxRateLimitWaits,
            sleep: { _ in }, random: { 0 }, onEvent: { relay?.send($0) })
        return BitrefillClient(configuration: configuration, transport: transport)
    }

    private func respond(to request: HTTPRequestData) -> HTTPResponseData {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)!
        let path = components.path
        let query = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        let start = Int(query["start"] ?? "0") ?? 0
        return state.withLock { state in
            state.requests.append("\(path)?start=\(start)")
            if path.hasSuffix("/accounts/balance") {
                return Self.envelope(["balance": 100_000, "currency": "BTC"], next: nil)
            }
            let isESIM = path.hasSuffix("/products/esims")
            var headers: [String: String] = [:]
            for fault in state.faults where !isESIM {
                switch fault {
                case .status(let status, let from) where start >= from:
                    return HTTPResponseData(status: status, body: Data(#"{"message":"boom"}"#.utf8))
                case .garbage(let at) where start == at:
                    return HTTPResponseData(status: 200, body: Data("<html>oops".utf8))
                case .rateLimited(let at, let times, let seconds) where start == at && state.rateLimitedSoFar < times:
                    state.rateLimitedSoFar += 1
                    return HTTPResponseData(status: 429, headers: ["ratelimit-limit": "60", "ratelimit-remaining": "0", "ratelimit-reset": "\(seconds)"],
                                            body: Data(#"{"message":"Too many requests"}"#.utf8))
                case .budgetSpent(let seconds):
                    headers = ["ratelimit-limit": "60", "ratelimit-remaining": "0", "ratelimit-reset": "\(seconds)"]
                default:
                    continue
                }
            }
            let list = isESIM ? state.esims : state.products
            var items: [Any] = list.dropFirst(start).prefix(pageSize).map { $0.json(docs: state.docs) }
            for case .unreadable(let index) in state.faults where !isESIM && (start..<start + pageSize).contains(index) {
                items[index - start] = ["name": "no id"]
            }
            let end = start + pageSize
            let next = end < list.count ? "\(Self.baseURL.absoluteString)\(isESIM ? "/products/esims" : "/products")?start=\(end)&limit=\(pageSize)" : nil
            var response = Self.envelope(items, next: next)
            response.headers.merge(headers) { _, new in new }
            return response
        }
    }

    static func envelope(_ data: Any, next: String?) -> HTTPResponseData {
        var meta: [String: Any] = ["_endpoint": "/products"]
        if let next { meta["_next"] = next }
        let body = try! JSONSerialization.data(withJSONObject: ["meta": meta, "data": data])
        return HTTPResponseData(status: 200, headers: ["content-type": "application/json"], body: body)
    }
}
