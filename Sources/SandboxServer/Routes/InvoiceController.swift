import Foundation
import Hummingbird

/// `POST /invoices`, `GET /invoices` (`start`, `limit`, `after`, `before` as ISO-8601 times, newest
/// first), `GET /invoices/{id}`, `POST /invoices/{id}/pay` (body `{}` or empty; pays from the balance).
struct InvoiceController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("invoices") { request, context in
            let body = try await RequestBytes.read(request, context: context)
            let purchase = try PurchaseValidator(catalog: services.catalog, endpoint: .invoices).validate(body)
            let invoice = try await services.store.createInvoice(purchase)
            return Reply.success(services.invoices.render(invoice), for: request)
        }
        group.get("invoices") { request, _ in
            let query = QueryParameters(request)
            let invoices = await services.store.invoices(after: try QueryTime.parse(query, "after"), before: try QueryTime.parse(query, "before"))
            let page = try Pagination(query).page(of: invoices, request: request, query: query)
            return Reply.success(.array(page.items.map(services.invoices.render)), for: request, next: page.next)
        }
        group.get("invoices/{id}") { request, context in
            let invoice = try await services.store.invoice(id: context.parameters.get("id") ?? "")
            return Reply.success(services.invoices.render(invoice), for: request)
        }
        group.post("invoices/{id}/pay") { request, context in
            let body = try await RequestBytes.read(request, context: context)
            guard body.isEmpty || JSONInput.parse(body) != nil else {
                throw APIError(.badRequest, code: "parse_error", "Failed to parse request body: it is not valid JSON")
            }
            let invoice = try await services.store.pay(id: context.parameters.get("id") ?? "")
            return Reply.success(services.invoices.render(invoice), for: request)
        }
    }
}
