import Foundation

public enum RequestMethod: String, Sendable { case get = "GET", post = "POST" }

/// One call of the API as a value: what to send and what comes back. Building it does no I/O, so the
/// catalogue of calls (`Endpoints+*.swift`) is plain data and easy to test.
public struct Endpoint<Response: Decodable & Sendable>: Sendable {
    public var method: RequestMethod
    /// Path below the base URL, each component already percent-encoded: "/products/amazon-us".
    public var path: String
    public var query: [URLQueryItem]
    public var body: Data?
    /// The call as a template for messages and logs, free of ids: "GET /products/{id}".
    public var name: String

    public init(method: RequestMethod, path: String, query: [URLQueryItem] = [], body: Data? = nil, name: String) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.name = name
    }

    /// GETs are safe to repeat; POSTs (create invoice, pay, create eSIM) are never retried by the client.
    public var isSafeToRetry: Bool { method == .get }

    /// Percent-encodes one path component (product ids hold spaces and symbols such as `<&>`).
    public static func component(_ raw: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%&+=;")
        return raw.addingPercentEncoding(withAllowedCharacters: allowed) ?? raw
    }
}

/// The `data` of a success body; `meta._next` is the full URL of the next page of a list.
struct Envelope<Payload: Decodable>: Decodable {
    var data: Payload
    var next: String?

    enum CodingKeys: String, CodingKey { case data, meta }
    enum MetaKeys: String, CodingKey { case next = "_next" }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode(Payload.self, forKey: .data)
        let meta = try? container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        next = meta?.flexibleString(.next).flatMap { $0.isEmpty ? nil : $0 }
    }
}
