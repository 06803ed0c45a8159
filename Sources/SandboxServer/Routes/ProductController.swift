import Hummingbird

/// The product endpoints: `GET /products`, `/products/search`, `/products/{id}`, `/products/esims`,
/// `/products/esims/{id}`.
///
/// Filters: `country` (ISO alpha-2, any case; other shapes are `invalid_param`), `type` (`gift_card`,
/// `phone_refill`, `esim`, `bill_payment`), `include_test_products` (`true`/`false`). Search `q` is
/// required (`missing_param`) and 1 to 100 characters (`invalid_param`), matched against names and ids
/// ignoring ASCII case. On `/products/esims`, `country` matches any plan covering that country.
struct ProductController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("products") { request, _ in
            let query = QueryParameters(request)
            return try listing(services.catalog.list(filter(query)), request: request, query: query)
        }
        group.get("products/search") { request, _ in
            let query = QueryParameters(request)
            guard let text = query["q"] else { throw APIError.missingParam("q") }
            guard (1...100).contains(text.count) else { throw APIError.invalidParam("q must be 1 to 100 characters") }
            return try listing(services.catalog.search(text, filter(query)), request: request, query: query)
        }
        group.get("products/esims") { request, _ in
            let query = QueryParameters(request)
            let plans = services.catalog.esimPlans(country: try country(query), includeTestProducts: try query.flag("include_test_products"))
            return try listing(plans, request: request, query: query)
        }
        group.get("products/esims/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let product = services.catalog.product(id: id), product.kind == .esim else {
                throw APIError.notFound("eSIM plan '\(id)' not found")
            }
            return Reply.success(services.products.render(product), for: request)
        }
        group.get("products/{id}") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let product = services.catalog.product(id: id) else { throw APIError.notFound("Product '\(id)' not found") }
            return Reply.success(services.products.render(product), for: request)
        }
    }

    private func listing(_ positions: [Int], request: Request, query: QueryParameters) throws(APIError) -> Response {
        let page = try Pagination(query).page(of: positions, request: request, query: query)
        let data = JSON.array(page.items.map { services.products.render(services.catalog.products[$0]) })
        return Reply.success(data, for: request, next: page.next)
    }

    private func filter(_ query: QueryParameters) throws(APIError) -> Catalog.Filter {
        var kind: ProductKind?
        if let type = query["type"] {
            guard let parsed = ProductKind(rawValue: type) else {
                throw .invalidParam("type must be one of \(ProductKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = parsed
        }
        return Catalog.Filter(country: try country(query), kind: kind, includeTestProducts: try query.flag("include_test_products"))
    }

    private func country(_ query: QueryParameters) throws(APIError) -> String? {
        guard let code = query["country"] else { return nil }
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalidParam("country must be an ISO 3166-1 alpha-2 code such as US")
        }
        return code.uppercased()
    }
}
