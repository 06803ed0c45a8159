import Hummingbird

/// `GET /orders` (`start`, `limit`, and `after`/`before` as on `GET /invoices`; newest first) and `GET /orders/{id}`, with `redemption_info` once delivered.
struct OrderController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("orders") { request, _ in
            let query = QueryParameters(request)
            let orders = await services.store.orders(after: try QueryTime.parse(query, "after"), before: try QueryTime.parse(query, "before"))
            let page = try Pagination(query).page(of: orders, request: request, query: query)
            return Reply.success(.array(page.items.map(services.invoices.render)), for: request, next: page.next)
        }
        group.get("orders/{id}") { request, context in
            let order = try await services.store.order(id: context.parameters.get("id") ?? "")
            return Reply.success(services.invoices.render(order), for: request)
        }
    }
}
