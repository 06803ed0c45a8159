import Hummingbird

/// Builds responses: the success envelope `{"meta":{"_endpoint":...,"_next":...},"data":...}`, error
/// bodies, and raw bytes for faults.
enum Reply {
    static let apiPrefix = "/v2"

    /// The API path without `/v2`, as `meta._endpoint` names it; nil outside the API.
    static func apiPath(of request: Request) -> String? {
        let path = request.uri.path
        guard path == apiPrefix || path.hasPrefix(apiPrefix + "/") else { return nil }
        let rest = String(path.dropFirst(apiPrefix.count))
        return rest.isEmpty ? "/" : rest
    }

    static func endpoint(of request: Request) -> String {
        apiPath(of: request) ?? request.uri.path
    }

    static func success(_ data: JSON, for request: Request, next: String? = nil) -> Response {
        json(.object([
            "meta": .object(["_endpoint": .string(endpoint(of: request)), "_next": next.map(JSON.string)]),
            "data": data,
        ]))
    }

    static func failure(_ error: APIError, for request: Request) -> Response {
        json(error.body(endpoint: endpoint(of: request)), status: error.status)
    }

    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        bytes(value.encoded(), status: status, contentType: "application/json; charset=utf-8")
    }

    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status, contentType: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
