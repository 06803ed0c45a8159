import Foundation
import Hummingbird

/// Accepts `Authorization: Bearer KEY` for a configured key or `Basic base64(id:secret)` for a configured
/// pair; anything else (missing, unknown, malformed, or a key sent under the other scheme) is a 401 with
/// only a `message`, as the live API answers.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    private let bearerKeys: Set<String>
    private let basicPairs: Set<String>

    init(bearerKeys: [String], basicCredentials: [SandboxCredential]) {
        self.bearerKeys = Set(bearerKeys)
        self.basicPairs = Set(basicCredentials.map { "\($0.id):\($0.secret)" })
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], isAuthorized(header) else {
            return Reply.failure(.unauthorized, for: request)
        }
        return try await next(request, context)
    }

    private func isAuthorized(_ header: String) -> Bool {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let credentials = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer":
            return bearerKeys.contains(credentials)
        case "basic":
            guard let data = Data(base64Encoded: credentials), let pair = String(data: data, encoding: .utf8) else { return false }
            return basicPairs.contains(pair)
        default:
            return false
        }
    }
}
