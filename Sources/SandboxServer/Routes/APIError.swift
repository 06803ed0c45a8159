import Hummingbird

/// An error answer. Most use the documented envelope
/// `{"meta":{"_endpoint":...},"error_code":...,"message":...}`; a few use the bare shapes the live API is
/// known to send, so clients learn to map every shape:
///
/// - only `message`: 401 for a missing, wrong or wrong-scheme `Authorization` header
///   (`{"message":"Unauthorized"}`);
/// - only `error`: unknown routes and methods (404 `{"error":"Cannot GET /v2/nope"}`), injected 5xx faults
///   (`{"error":"Service Unavailable"}`) and oversized bodies (413).
struct APIError: Error, Sendable {
    enum Shape: Sendable, Equatable {
        case envelope(code: String)
        case messageOnly
        case errorOnly
    }

    let status: HTTPResponse.Status
    let shape: Shape
    let message: String

    init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.shape = .envelope(code: code)
        self.message = message
    }

    init(_ status: HTTPResponse.Status, shape: Shape, _ message: String) {
        self.status = status
        self.shape = shape
        self.message = message
    }

    static func missingParam(_ name: String) -> APIError {
        APIError(.badRequest, code: "missing_param", "Missing required parameter: \(name)")
    }

    static func invalidParam(_ detail: String) -> APIError {
        APIError(.badRequest, code: "invalid_param", "Invalid parameter: \(detail)")
    }

    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message)
    }

    static let unauthorized = APIError(.unauthorized, shape: .messageOnly, "Unauthorized")

    /// The JSON body for this error, `endpoint` being the API path without `/v2`.
    func body(endpoint: String) -> JSON {
        switch shape {
        case .envelope(let code):
            .object(["meta": .object(["_endpoint": .string(endpoint)]), "error_code": .string(code), "message": .string(message)])
        case .messageOnly:
            .object(["message": .string(message)])
        case .errorOnly:
            .object(["error": .string(message)])
        }
    }
}
