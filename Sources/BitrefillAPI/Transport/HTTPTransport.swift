import Foundation

/// One HTTP exchange as plain values, so the client's logic (retries, rate limits, decoding) is tested
/// without sockets and the network library stays behind one seam.
public struct HTTPRequestData: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: Data?
    public var timeout: Duration

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public static func == (lhs: HTTPRequestData, rhs: HTTPRequestData) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body && lhs.timeout == rhs.timeout
            && lhs.headers.map { "\($0.name.lowercased()):\($0.value)" } == rhs.headers.map { "\($0.name.lowercased()):\($0.value)" }
    }
}

public struct HTTPResponseData: Sendable {
    public var status: Int
    /// Header names lowercased; the last value wins when a name repeats.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request got no HTTP response. `requestMayHaveBeenSent` is what makes a failed POST ambiguous.
public struct TransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case timedOut
        case connectionFailed
        case connectionLost
        case responseTooLarge
        case other
    }

    public var kind: Kind
    public var detail: String
    /// False only when we know the server never saw the request (it could not be connected to).
    public var requestMayHaveBeenSent: Bool

    public init(kind: Kind, detail: String, requestMayHaveBeenSent: Bool) {
        self.kind = kind
        self.detail = detail
        self.requestMayHaveBeenSent = requestMayHaveBeenSent
    }
}

/// The seam between the client and the network: one async function. The default is AsyncHTTPClient
/// (`HTTPTransport.asyncHTTPClient()`); tests pass a closure.
public struct HTTPTransport: Sendable {
    public var send: @Sendable (HTTPRequestData) async throws -> HTTPResponseData

    public init(send: @escaping @Sendable (HTTPRequestData) async throws -> HTTPResponseData) {
        self.send = send
    }
}
