import Hummingbird

/// Enforces `RateLimiter` per route and puts the configured header families on every answer it lets
/// through, and on its 429s. Installed only when limits are on. Requests refused by authentication and
/// requests for unknown routes are not counted and carry no rate-limit headers.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let limiter: RateLimiter
    let families: Set<SandboxRateLimits.HeaderFamily>
    let clock: SandboxClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = context.endpointPath,
              let bucket = RateLimiter.bucket(method: request.method.rawValue, route: route)
        else { return try await next(request, context) }
        let now = clock.now()
        let verdict = await limiter.check(bucket: bucket.name, rules: bucket.rules, now: now)
        guard verdict.allowed else {
            return RateLimitHeaders.tooManyRequests(for: request, families: families, limit: verdict.limit, resetAt: verdict.resetAt, now: now)
        }
        var response = try await next(request, context)
        RateLimitHeaders.apply(
            to: &response.headers, families: families, limit: verdict.limit, remaining: verdict.remaining,
            resetAt: verdict.resetAt, now: now
        )
        return response
    }
}
