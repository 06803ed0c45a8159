import Foundation
import Hummingbird

/// The request's query string, decoded as a form (`+` is a space, then percent-decoding), with the raw
/// pairs kept for rebuilding `meta._next`.
///
/// Decoding `+` as a space is deliberate: it is what servers do, so a client that forgets to encode the
/// `+` of an E.164 number gets `invalid_phone_number` here, as it would live.
struct QueryParameters: Sendable {
    private let rawPairs: [(name: String, value: String)]

    init(_ request: Request) {
        rawPairs = (request.uri.query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: Self.decode(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The last value given for `name`, decoded.
    subscript(name: String) -> String? {
        rawPairs.last { $0.name == name }.map { Self.decode($0.value) }
    }

    /// A true/false flag; anything else is `invalid_param`.
    func flag(_ name: String) throws(APIError) -> Bool {
        guard let value = self[name] else { return false }
        switch value.lowercased() {
        case "true", "1": return true
        case "false", "0", "": return false
        default: throw .invalidParam("\(name) must be true or false")
        }
    }

    /// The query string with `name` set to `value`, other parameters kept as sent, in their order.
    func replacing(_ name: String, with value: String) -> String {
        var pairs = rawPairs.filter { $0.name != name }.map { "\(Self.encodeName($0.name))=\($0.value)" }
        pairs.append("\(name)=\(value)")
        return pairs.joined(separator: "&")
    }

    private static func decode(_ text: some StringProtocol) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    private static func encodeName(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? name
    }
}
