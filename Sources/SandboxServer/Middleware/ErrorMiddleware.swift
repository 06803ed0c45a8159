import Hummingbird

/// Turns thrown errors into the API's error bodies, innermost so the outer middleware (rate-limit
/// headers) decorates error answers like any other.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Reply.failure(error, for: request)
        } catch let error as HTTPError where error.status == .notFound {
            // An unknown route or method: only `error`, like the live API's framework default.
            return Reply.failure(APIError(.notFound, shape: .errorOnly, "Cannot \(request.method) \(request.uri.path)"), for: request)
        } catch let error as HTTPError {
            return Reply.failure(APIError(error.status, shape: .errorOnly, error.status.reasonPhrase), for: request)
        } catch {
            context.logger.error("Unexpected error", metadata: ["error": "\(error)"])
            return Reply.failure(APIError(.internalServerError, code: "internal_error", "Internal server error"), for: request)
        }
    }
}
