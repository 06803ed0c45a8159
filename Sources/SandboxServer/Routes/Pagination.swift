import Hummingbird

/// `start`/`limit` paging with `meta._next` as a full URL.
///
/// `limit` defaults to 50 and is clamped to 50 when larger (the live API's maximum), so a client asking
/// for more simply gets pages of 50; a `limit` below 1 or a negative `start` is `invalid_param`.
struct Pagination: Sendable {
    static let maximumLimit = 50

    let start: Int
    let limit: Int

    init(_ query: QueryParameters) throws(APIError) {
        start = try Self.integer(query["start"], name: "start", minimum: 0) ?? 0
        limit = min(Self.maximumLimit, try Self.integer(query["limit"], name: "limit", minimum: 1) ?? Self.maximumLimit)
    }

    /// The page of `items`, and the full URL of the next page when there is one.
    ///
    /// The URL is built from the request's `Host` header and path, keeping every other query parameter.
    func page<Items: RandomAccessCollection>(of items: Items, request: Request, query: QueryParameters) -> (items: Items.SubSequence, next: String?)
    where Items.Index == Int {
        let lower = min(items.count, start) + items.startIndex
        let upper = min(items.count, start + limit) + items.startIndex
        let next: String? = start + limit < items.count
            ? "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)?\(query.replacing("start", with: String(start + limit)))"
            : nil
        return (items[lower..<upper], next)
    }

    private static func integer(_ text: String?, name: String, minimum: Int) throws(APIError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= minimum else {
            throw .invalidParam("\(name) must be an integer of at least \(minimum), got '\(text)'")
        }
        return value
    }
}
