import Foundation
import StorefrontDomain

/// The catalogue of API calls, as `Endpoint` values. Lists take `limit` up to 50, the API's maximum.
public enum Endpoints {
    public static let pageSize = 50

    public static func ping() -> Endpoint<Pong> {
        Endpoint(method: .get, path: "/ping", name: "GET /ping")
    }

    public static func balance() -> Endpoint<Balance> {
        Endpoint(method: .get, path: "/accounts/balance", name: "GET /accounts/balance")
    }

    public static func products(country: String? = nil, type: ProductType? = nil, includeTestProducts: Bool = false,
                                start: Int = 0, limit: Int = pageSize) -> Endpoint<[Product]> {
        Endpoint(method: .get, path: "/products",
                 query: listQuery(start: start, limit: limit, includeTestProducts: includeTestProducts, country: country, type: type),
                 name: "GET /products")
    }

    public static func searchProducts(_ query: String, country: String? = nil, type: ProductType? = nil,
                                      includeTestProducts: Bool = false, start: Int = 0, limit: Int = pageSize) -> Endpoint<[Product]> {
        Endpoint(method: .get, path: "/products/search",
                 query: [URLQueryItem(name: "q", value: query)]
                    + listQuery(start: start, limit: limit, includeTestProducts: includeTestProducts, country: country, type: type),
                 name: "GET /products/search")
    }

    public static func product(id: String) -> Endpoint<Product> {
        Endpoint(method: .get, path: "/products/\(Endpoint<Product>.component(id))", name: "GET /products/{id}")
    }

    public static func esimPlans(includeTestProducts: Bool = false, start: Int = 0, limit: Int = pageSize) -> Endpoint<[Product]> {
        Endpoint(method: .get, path: "/products/esims",
                 query: listQuery(start: start, limit: limit, includeTestProducts: includeTestProducts),
                 name: "GET /products/esims")
    }

    public static func esimPlan(id: String) -> Endpoint<Product> {
        Endpoint(method: .get, path: "/products/esims/\(Endpoint<Product>.component(id))", name: "GET /products/esims/{id}")
    }

    /// `phoneNumber` in E.164; the `+` is percent-encoded by the client.
    public static func checkPhoneNumber(_ phoneNumber: String, operator operatorID: String? = nil) -> Endpoint<PhoneCheckResult> {
        var query = [URLQueryItem(name: "phone_number", value: phoneNumber)]
        if let operatorID { query.append(URLQueryItem(name: "operator", value: operatorID)) }
        return Endpoint(method: .get, path: "/check_phone_number", query: query, name: "GET /check_phone_number")
    }

    public static func createInvoice(_ request: InvoiceRequest) throws -> Endpoint<Invoice> {
        Endpoint(method: .post, path: "/invoices", body: try encode(request), name: "POST /invoices")
    }

    /// `after` and `before` bound the creation time (ISO-8601).
    public static func invoices(after: String? = nil, before: String? = nil, start: Int = 0, limit: Int = pageSize) -> Endpoint<[Invoice]> {
        Endpoint(method: .get, path: "/invoices", query: listQuery(start: start, limit: limit) + timeBounds(after: after, before: before),
                 name: "GET /invoices")
    }

    public static func invoice(id: String) -> Endpoint<Invoice> {
        Endpoint(method: .get, path: "/invoices/\(Endpoint<Invoice>.component(id))", name: "GET /invoices/{id}")
    }

    public static func payInvoice(id: String) -> Endpoint<Invoice> {
        Endpoint(method: .post, path: "/invoices/\(Endpoint<Invoice>.component(id))/pay", body: Data("{}".utf8),
                 name: "POST /invoices/{id}/pay")
    }

    /// `after` and `before` as for invoices (the docs name them on `/invoices` only; a server that ignores them
    /// here just sends more, which the caller filters again).
    public static func orders(after: String? = nil, before: String? = nil, start: Int = 0, limit: Int = pageSize) -> Endpoint<[Order]> {
        Endpoint(method: .get, path: "/orders", query: listQuery(start: start, limit: limit) + timeBounds(after: after, before: before),
                 name: "GET /orders")
    }

    public static func order(id: String) -> Endpoint<Order> {
        Endpoint(method: .get, path: "/orders/\(Endpoint<Order>.component(id))", name: "GET /orders/{id}")
    }

    /// A new eSIM, or a top-up when a line carries `esimId`.
    public static func createESIMInvoice(_ request: InvoiceRequest) throws -> Endpoint<Invoice> {
        Endpoint(method: .post, path: "/esims", body: try encode(request), name: "POST /esims")
    }

    public static func esims(start: Int = 0, limit: Int = pageSize) -> Endpoint<[ESIM]> {
        Endpoint(method: .get, path: "/esims", query: listQuery(start: start, limit: limit), name: "GET /esims")
    }

    public static func esim(iccid: String) -> Endpoint<ESIM> {
        Endpoint(method: .get, path: "/esims/\(Endpoint<ESIM>.component(iccid))", name: "GET /esims/{iccid}")
    }

    private static func listQuery(start: Int, limit: Int, includeTestProducts: Bool = false, country: String? = nil,
                                  type: ProductType? = nil) -> [URLQueryItem] {
        var query = [URLQueryItem(name: "start", value: String(max(0, start))),
                     URLQueryItem(name: "limit", value: String(min(max(1, limit), pageSize)))]
        if includeTestProducts { query.append(URLQueryItem(name: "include_test_products", value: "true")) }
        if let country { query.append(URLQueryItem(name: "country", value: country.uppercased())) }
        if let type { query.append(URLQueryItem(name: "type", value: type.rawValue)) }
        return query
    }

    private static func timeBounds(after: String?, before: String?) -> [URLQueryItem] {
        [after.map { URLQueryItem(name: "after", value: $0) }, before.map { URLQueryItem(name: "before", value: $0) }].compactMap { $0 }
    }

    private static func encode(_ request: InvoiceRequest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(request)
    }
}
