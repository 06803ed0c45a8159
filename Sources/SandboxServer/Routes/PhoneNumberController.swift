import Hummingbird

/// `GET /check_phone_number?phone_number=%2B4915212345678[&operator=ID]`: the operators that can top up
/// a number.
///
/// observed: `data` is the operator's product when exactly one matches, a list of products when several do.
/// docs: `data` is `{"phone_number","operators":[{"id","name"}]}`.
/// No match is 400 `unsupported_operator`; a number that is not `+` and 8 to 15 digits is
/// 400 `invalid_phone_number` (an unencoded `+` arrives as a space, so it lands here too).
struct PhoneNumberController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("check_phone_number") { request, _ in
            let query = QueryParameters(request)
            guard let text = query["phone_number"], !text.isEmpty else { throw APIError.missingParam("phone_number") }
            guard let number = PhoneNumber(e164: text) else {
                throw APIError(.badRequest, code: "invalid_phone_number", "Invalid phone number '\(text)'. Use E.164 format, e.g. +15551234567")
            }
            var operators = services.catalog.operators(serving: number)
            if let wanted = query["operator"] {
                operators = operators.filter { $0.id == wanted }
            }
            guard !operators.isEmpty else {
                throw APIError(.badRequest, code: "unsupported_operator", "No supported operator for phone number \(number.e164)")
            }
            let data: JSON = switch services.dialect {
            case .observed:
                operators.count == 1 ? services.products.render(operators[0]) : .array(operators.map(services.products.render))
            case .docs:
                .object(["phone_number": .string(number.e164), "operators": .array(operators.map(services.products.reference))])
            }
            return Reply.success(data, for: request)
        }
    }
}
