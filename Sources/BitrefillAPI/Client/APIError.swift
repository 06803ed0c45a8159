import Foundation
import StorefrontDomain

/// Everything that can go wrong talking to the API, with the context a support person needs: which call,
/// what the server said, and a one-line message saying what to do.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server refused with a documented or undocumented `error_code`.
        case rejected(code: String)
        case unauthorized
        case forbidden
        case notFound
        case rateLimited
        case serverError
        case transport(TransportError.Kind)
        /// The response could not be read as the API's JSON.
        case malformedResponse
        /// `meta._next` pointed somewhere other than the configured API; not followed (it would get our credentials).
        case unsafeNextPage
        /// The request could not be built (bad base URL, unencodable body).
        case invalidRequest
    }

    /// Whether the server may have acted on the request. What makes a failed `POST /invoices` ambiguous.
    public enum Outcome: Sendable, Equatable {
        /// The server answered with a refusal: nothing happened, the request may be corrected and sent again.
        case notExecuted
        /// No definite answer (timeout, lost connection, 5xx): it may have been carried out. Reconcile first.
        case unknown
    }

    public var kind: Kind
    /// The call, as a template: "POST /invoices", "GET /products/{id}".
    public var endpoint: String
    public var status: Int?
    /// `error_code` as sent, if any.
    public var errorCode: String?
    /// The server's own `message` (or `error`), sanitised; nil when it sent none.
    public var serverMessage: String?
    /// One line a support person can act on.
    public var message: String
    public var outcome: Outcome
    /// For 429s: when the budget comes back.
    public var retryAt: Date?
    /// The body was not JSON at all (a proxy's HTML page, a cut-off or empty body): a fault on the way rather than
    /// an API that changed shape, so the same request may well be read next time.
    public var unreadableBody: Bool

    public init(kind: Kind, endpoint: String, status: Int? = nil, errorCode: String? = nil, serverMessage: String? = nil,
                message: String, outcome: Outcome, retryAt: Date? = nil, unreadableBody: Bool = false) {
        self.kind = kind
        self.endpoint = endpoint
        self.status = status
        self.errorCode = errorCode
        self.serverMessage = serverMessage
        self.message = message
        self.outcome = outcome
        self.retryAt = retryAt
        self.unreadableBody = unreadableBody
    }

    public var description: String {
        var context = [endpoint]
        if let status { context.append("HTTP \(status)") }
        if let errorCode { context.append(errorCode) }
        return "\(message) (\(context.joined(separator: ", ")))"
    }

    /// True for the errors where the same request may succeed later unchanged.
    public var isTransient: Bool {
        switch kind {
        case .rateLimited, .serverError, .transport: true
        case .malformedResponse: unreadableBody
        default: false
        }
    }
}

extension APIError {
    /// The error for an HTTP response that is not a success. `body` is the raw body, possibly not JSON.
    static func from(status: Int, body: Data, endpoint: String, host: String, retryAt: Date?, now: Date) -> APIError {
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: body)
        let code = envelope?.errorCode
        let said = (envelope?.message ?? envelope?.error).map { Sanitizer.clean($0) }.map { String($0.prefix(300)) }
        let outcome: Outcome = (500...599).contains(status) ? .unknown : .notExecuted

        if let code, !code.isEmpty, ![401, 403, 429].contains(status), !(500...599).contains(status) || documentedCodes.contains(code) {
            let kind: Kind = code == "not_found" ? .notFound : .rejected(code: code)
            return APIError(kind: kind, endpoint: endpoint, status: status, errorCode: code, serverMessage: said,
                            message: advice(forCode: code, said: said, endpoint: endpoint), outcome: outcome,
                            retryAt: retryAt)
        }
        let detail = said.map { ": \($0)" } ?? ""
        switch status {
        case 401:
            return APIError(kind: .unauthorized, endpoint: endpoint, status: status, errorCode: code, serverMessage: said,
                            message: "The API rejected the credentials\(detail). Check BITREFILL_API_KEY (Bearer) or BITREFILL_API_ID and BITREFILL_API_SECRET (Basic); a key of the other kind is refused too.",
                            outcome: .notExecuted)
        case 403:
            return APIError(kind: .forbidden, endpoint: endpoint, status: status, errorCode: code, serverMessage: said,
                            message: "The account may not use this call\(detail): it has no API access, the call is for affiliates only, or the account is suspended. Contact Bitrefill support.",
                            outcome: .notExecuted)
        case 404:
            return APIError(kind: .notFound, endpoint: endpoint, status: status, serverMessage: said,
                            message: "Not found at \(host)\(detail). \(notFoundAdvice(endpoint: endpoint)) Or check the API URL.",
                            outcome: .notExecuted)
        case 429:
            let wait = retryAt.map { " It resets in \(RateLimitStatus.seconds(from: now, to: $0)) s." } ?? ""
            return APIError(kind: .rateLimited, endpoint: endpoint, status: status, errorCode: code, serverMessage: said,
                            message: "Too many requests to \(host) for this call.\(wait) Wait, then try again.",
                            outcome: .notExecuted, retryAt: retryAt)
        case 500...599:
            return APIError(kind: .serverError, endpoint: endpoint, status: status, errorCode: code, serverMessage: said,
                            message: "The API at \(host) failed with HTTP \(status)\(detail). Try again in a minute; if it persists, check Bitrefill's status.",
                            outcome: .unknown)
        default:
            return APIError(kind: .rejected(code: "http_\(status)"), endpoint: endpoint, status: status, serverMessage: said,
                            message: "The API refused the request with HTTP \(status)\(detail).",
                            outcome: .notExecuted)
        }
    }

    /// Where the id of what was not found comes from: an order, invoice or eSIM read by its id is the account's
    /// own, listed by its own command; anything else missing (a product read or bought) may be missing because
    /// the cached catalog is old.
    static func notFoundAdvice(endpoint: String) -> String {
        if endpoint.hasPrefix("GET /orders") { return "Check the order id: `storefront order list` lists the account's orders." }
        if endpoint.hasPrefix("GET /invoices") || endpoint.hasSuffix("/pay") {
            return "Check the invoice id: `storefront invoice list` lists the account's invoices."
        }
        if endpoint.hasPrefix("GET /esims") { return "Check the ICCID: `storefront esim list` lists the account's eSIMs." }
        return "Check the id, or refresh the catalog (storefront catalog refresh)."
    }

    /// The codes of Bitrefill's error reference; a 5xx carrying one of these is explained by it.
    static let documentedCodes: Set<String> = [
        "unsupported_payment_method", "missing_param", "invalid_param", "parse_error", "not_found", "out_of_stock",
        "too_many_items", "create_invoice_failed", "balance_too_low", "invalid_phone_number", "unsupported_operator",
        "invalid_value", "invalid_package_id", "invalid_quantity", "invalid_currency", "batch_creation_failed",
    ]

    /// What to do about each documented `error_code`; unknown codes show the server's words.
    static func advice(forCode code: String, said: String?, endpoint: String) -> String {
        let server = said.map { "\($0). " } ?? ""
        switch code {
        case "unsupported_payment_method":
            return "\(server)This payment method is not accepted: use balance, bitcoin, lightning or another listed method."
        case "missing_param":
            return "\(server)A required field was missing from the request; fill it in and try again."
        case "invalid_param":
            return "\(server)A field has a wrong value or type; correct it and try again."
        case "parse_error":
            return "The API could not read the request. This is a Storefront bug: report it with the time."
        case "not_found":
            return "\(server)\(notFoundAdvice(endpoint: endpoint))"
        case "out_of_stock":
            return "\(server)The product is out of stock: try later or pick another product."
        case "too_many_items":
            return "More than 20 items in one invoice: split the cart into several invoices."
        case "create_invoice_failed":
            return "Bitrefill could not create the invoice. Try again later; contact Bitrefill support if it persists."
        case "balance_too_low":
            return "\(server)Top up the account balance, or pay with a crypto method."
        case "invalid_phone_number":
            return "\(server)Enter the phone number in E.164 form, with the country code: +15551234567."
        case "unsupported_operator":
            return "The operator does not serve this phone number; `storefront phone check` with the number lists those that do."
        case "invalid_value":
            return "\(server)Pick a value within the product's range (minimum, maximum and step)."
        case "invalid_package_id":
            return "\(server)That package does not exist for this product: refresh the catalog and pick a listed one."
        case "invalid_quantity":
            return "\(server)The quantity must be a whole number of at least 1."
        case "invalid_currency":
            return "\(server)That currency is not supported: use USD, EUR or another listed one."
        case "batch_creation_failed":
            return "Bitrefill could not create the batch. Contact Bitrefill support."
        default:
            return said.map { "The API refused the request: \($0)." } ?? "The API refused the request with error \(code)."
        }
    }
}

/// The error body: `{"meta":…, "error_code": "...", "message": "..."}`, or only `message`, or only `error`.
struct ErrorEnvelope: Decodable {
    var errorCode: String?
    var message: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case errorCode = "error_code", message, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorCode = container.flexibleString(.errorCode)
        message = container.flexibleString(.message)
        // `error` is sometimes a word, sometimes an object like {"code": "...", "message": "..."}.
        if let text = container.flexibleString(.error) {
            error = text
        } else if let nested = try? container.decodeIfPresent(NestedError.self, forKey: .error) {
            error = nested.message
            if errorCode == nil { errorCode = nested.code }
        }
    }

    private struct NestedError: Decodable {
        var code: String?
        var message: String?
    }
}
