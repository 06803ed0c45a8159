import Foundation

/// The `after`/`before` bounds of the invoice and order lists: ISO-8601 times, or `invalid_param`.
enum QueryTime {
    static func parse(_ query: QueryParameters, _ name: String) throws(APIError) -> Date? {
        guard let text = query[name] else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw .invalidParam("\(name) must be an ISO-8601 time such as 2025-01-31T12:00:00.000Z")
        }
        return date
    }
}
