import Hummingbird

/// `POST /esims` (an invoice for eSIM plans only; `products[].esim_id` tops up that eSIM),
/// `GET /esims` (`start`, `limit`; oldest first) and `GET /esims/{iccid}`.
struct ESIMController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("esims") { request, context in
            let body = try await RequestBytes.read(request, context: context)
            let purchase = try PurchaseValidator(catalog: services.catalog, endpoint: .esims).validate(body)
            let invoice = try await services.store.createInvoice(purchase)
            return Reply.success(services.invoices.render(invoice), for: request)
        }
        group.get("esims") { request, _ in
            let query = QueryParameters(request)
            let esims = await services.store.esimList()
            let page = try Pagination(query).page(of: esims, request: request, query: query)
            return Reply.success(.array(page.items.map(ESIMRenderer.render)), for: request, next: page.next)
        }
        group.get("esims/{iccid}") { request, context in
            let esim = try await services.store.esim(iccid: context.parameters.get("iccid") ?? "")
            return Reply.success(ESIMRenderer.render(esim), for: request)
        }
    }
}
