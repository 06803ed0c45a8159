import Hummingbird

/// `GET /ping`: `{"message":"pong"}`, limited to one call per 3 seconds.
struct PingController {
    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("ping") { request, _ in
            Reply.success(.object(["message": "pong"]), for: request)
        }
    }
}
