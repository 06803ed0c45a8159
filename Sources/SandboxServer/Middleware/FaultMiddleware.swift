import Hummingbird
import NIOCore

/// Applies the fault `FaultInjector` picks for a request, before or after the request is handled.
/// Outermost, so faults hit even requests that would fail authentication, as a flaky network would.
struct FaultMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let injector: FaultInjector
    let clock: SandboxClock

    /// Thrown after closing the connection, so nothing more is written to it.
    private struct ConnectionDropped: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let apiPath = Reply.apiPath(of: request),
              let decision = await injector.decide(method: request.method.rawValue, apiPath: apiPath)
        else { return try await next(request, context) }
        switch decision.timing {
        case .beforeHandling:
            return try await apply(decision.kind, request: request, context: context) { try await next(request, context) }
        case .afterHandling:
            let response = try await next(request, context)
            return try await apply(decision.kind, request: request, context: context) { response }
        }
    }

    /// The answer under `kind`; `answer` is the real one (already computed when the fault strikes after
    /// handling), used only by faults that let it through.
    private func apply(
        _ kind: ScriptedFault.Kind, request: Request, context: Context, answer: () async throws -> Response
    ) async throws -> Response {
        switch kind {
        case .delay(let duration):
            // Real time, not the sandbox clock: a slow answer is what the client's own deadline measures.
            try await Task.sleep(for: duration)
            return try await answer()
        case .serverError(let code):
            let status = HTTPResponse.Status(code: code)
            return Reply.failure(APIError(status, shape: .errorOnly, status.reasonPhrase.isEmpty ? "Server Error" : status.reasonPhrase), for: request)
        case .rateLimited(let headers, let reset):
            let now = clock.now()
            return RateLimitHeaders.tooManyRequests(for: request, families: headers, limit: 60, resetAt: now.addingTimeInterval(reset.seconds), now: now)
        case .forbidden:
            return Reply.failure(APIError(.forbidden, code: "forbidden", "This account does not have API access"), for: request)
        case .malformedBody(let html):
            return html
                ? Reply.bytes(Array(Self.htmlPage.utf8), status: .ok, contentType: "text/html; charset=utf-8")
                : Reply.bytes(Array("{\"meta\":{\"_endpoint\":\"\(Reply.endpoint(of: request))\"},\"data\":[{\"id\":\"".utf8),
                              status: .ok, contentType: "application/json; charset=utf-8")
        case .dropConnection:
            try? await context.channel.close()
            throw ConnectionDropped()
        }
    }

    private static let htmlPage = """
        <!DOCTYPE html>
        <html><head><title>502 Bad Gateway</title></head>
        <body><center><h1>502 Bad Gateway</h1></center><hr><center>sandbox-edge</center></body></html>
        """
}
