import Foundation
import StorefrontDomain

/// Turns a purchase request body into a `Purchase`, or the documented error for the first problem found.
///
/// Checks run in the order a client would fix them: the body's shape, then item counts, then the options
/// (payment method, addresses), then each product against the catalog.
struct PurchaseValidator: Sendable {
    let catalog: Catalog
    let endpoint: PurchaseEndpoint

    static let maximumItems = 20

    func validate(_ body: some Collection<UInt8>) throws(APIError) -> Purchase {
        guard !body.isEmpty, let json = JSONInput.parse(body) else {
            throw APIError(.badRequest, code: "parse_error", "Failed to parse request body: it is not valid JSON")
        }
        guard case .object(let fields) = json else {
            throw APIError(.badRequest, code: "parse_error", "Failed to parse request body: expected a JSON object, got \(json.kindName)")
        }
        let items = try productItems(fields)
        let totalUnits = items.reduce(0) { $0 + $1.quantity }
        guard totalUnits <= Self.maximumItems else {
            throw APIError(.badRequest, code: "too_many_items",
                           "Too many items: \(totalUnits). An invoice holds at most \(Self.maximumItems) items; split the purchase")
        }
        let method = try paymentMethod(fields["payment_method"])
        let autoPay = try optionalBool(fields["auto_pay"], name: "auto_pay") ?? false
        _ = try optionalBool(fields["send_email"], name: "send_email")
        let email = try optionalString(fields["email"], name: "email")
        if let email, !Self.isEmail(email) {
            throw .invalidParam("email '\(email)' is not a valid email address")
        }
        let webhookURL = try optionalString(fields["webhook_url"], name: "webhook_url")
        if let webhookURL, !Self.isWebURL(webhookURL) {
            throw .invalidParam("webhook_url must be an absolute http or https URL")
        }
        let refundAddress = try optionalString(fields["refund_address"], name: "refund_address")
        if method.isCrypto {
            guard let refundAddress else { throw .missingParam("refund_address") }
            guard method.acceptsRefundAddress(refundAddress) else {
                throw .invalidParam("refund_address '\(refundAddress)' is not a valid address for \(method.rawValue)")
            }
        }
        var lines: [Purchase.Line] = []
        for item in items {
            lines.append(try line(for: item))
        }
        return Purchase(lines: lines, method: method, autoPay: autoPay, refundAddress: refundAddress, webhookURL: webhookURL, email: email)
    }

    // MARK: Items

    private struct Item {
        let fields: [String: JSONInput]
        let productID: String
        let quantity: Int
    }

    private func productItems(_ fields: [String: JSONInput]) throws(APIError) -> [Item] {
        guard let products = fields["products"], products != .null else { throw .missingParam("products") }
        guard case .array(let elements) = products else {
            throw .invalidParam("products must be an array, got \(products.kindName)")
        }
        guard !elements.isEmpty else { throw .invalidParam("products must hold at least one item") }
        var items: [Item] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let itemFields) = element else {
                throw .invalidParam("products[\(index)] must be an object, got \(element.kindName)")
            }
            guard let productValue = itemFields["product_id"], productValue != .null else { throw .missingParam("product_id") }
            guard case .string(let productID) = productValue, !productID.isEmpty else {
                throw .invalidParam("product_id must be a non-empty string")
            }
            items.append(Item(fields: itemFields, productID: productID, quantity: try quantity(itemFields["quantity"], productID: productID)))
        }
        return items
    }

    private func quantity(_ value: JSONInput?, productID: String) throws(APIError) -> Int {
        switch value {
        case nil, .null?:
            return 1
        case .integer(let quantity)? where quantity >= 1:
            return quantity > Int64(Self.maximumItems) ? Self.maximumItems + 1 : Int(quantity)
        case .integer(let quantity)?:
            throw APIError(.badRequest, code: "invalid_quantity", "Invalid quantity \(quantity) for '\(productID)': use a positive integer")
        case .number(let quantity)?:
            throw APIError(.badRequest, code: "invalid_quantity",
                           "Invalid quantity \(NumberText.format(quantity)) for '\(productID)': use a positive integer")
        case let other?:
            throw .invalidParam("quantity must be an integer, got \(other.kindName)")
        }
    }

    private func line(for item: Item) throws(APIError) -> Purchase.Line {
        guard let product = catalog.product(id: item.productID) else {
            throw .notFound("Product '\(item.productID)' not found")
        }
        if endpoint == .esims, product.kind != .esim {
            throw .invalidParam("product '\(product.id)' is not an eSIM plan; buy it with POST /invoices")
        }
        guard product.inStock else {
            throw APIError(.badRequest, code: "out_of_stock", "Product '\(product.id)' is currently out of stock")
        }
        let (label, amount) = try denomination(of: product, item.fields)
        return Purchase.Line(
            product: product, label: label, amount: amount, quantity: item.quantity,
            phoneNumber: try phoneNumber(for: product, item.fields["phone_number"]),
            esimID: try esimID(for: product, item.fields["esim_id"])
        )
    }

    // MARK: Denominations

    private func denomination(of product: Product, _ fields: [String: JSONInput]) throws(APIError) -> (String, Double) {
        if let packageValue = fields["package_id"], packageValue != .null {
            guard case .string(let packageID) = packageValue else {
                throw .invalidParam("package_id must be a string, got \(packageValue.kindName)")
            }
            guard let package = product.package(id: packageID) else {
                throw APIError(.badRequest, code: "invalid_package_id", "Package '\(packageID)' does not exist for product '\(product.id)'")
            }
            return (package.label, package.amount)
        }
        guard let value = fields["value"], value != .null else { throw .missingParam("package_id or value") }
        let number: Double
        switch value {
        case .integer(let integer):
            number = Double(integer)
        case .number(let double):
            number = double
        case .string(let text):
            if let package = product.packages.first(where: { $0.label == text }) {
                return (package.label, package.amount)
            }
            guard let parsed = Double(text), parsed.isFinite else { throw invalidValue("'\(text)'", product) }
            number = parsed
        default:
            throw .invalidParam("value must be a number or a string, got \(value.kindName)")
        }
        if let package = product.packages.first(where: { $0.numericValue == number }) {
            return (package.label, package.amount)
        }
        guard product.range?.contains(number) == true else { throw invalidValue(NumberText.format(number), product) }
        return (NumberText.format(number), number)
    }

    private func invalidValue(_ shown: String, _ product: Product) -> APIError {
        var allowed: [String] = []
        if !product.packages.isEmpty {
            allowed.append(product.packages.map(\.label).joined(separator: ", "))
        }
        if let range = product.range {
            allowed.append("\(range.min) to \(range.max) in steps of \(range.step)")
        }
        return APIError(.badRequest, code: "invalid_value",
                        "Value \(shown) is not allowed for '\(product.id)'. Allowed values: \(allowed.joined(separator: ", or "))")
    }

    // MARK: Recipients

    private func phoneNumber(for product: Product, _ value: JSONInput?) throws(APIError) -> String? {
        guard product.kind == .phoneRefill else { return nil }
        guard let value, value != .null else { throw .missingParam("phone_number") }
        guard case .string(let text) = value else { throw .invalidParam("phone_number must be a string, got \(value.kindName)") }
        guard let number = PhoneNumber(e164: text) else {
            throw APIError(.badRequest, code: "invalid_phone_number", "Invalid phone number '\(text)'. Use E.164 format, e.g. +15551234567")
        }
        guard number.isServed(by: product) else {
            throw APIError(.badRequest, code: "unsupported_operator",
                           "Phone number \(number.e164) is not served by '\(product.id)'. Check it with /check_phone_number")
        }
        return number.e164
    }

    private func esimID(for product: Product, _ value: JSONInput?) throws(APIError) -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let iccid) = value, (19...20).contains(iccid.count), Luhn.isValid(iccid) else {
            throw .invalidParam("esim_id must be an ICCID: 19 or 20 digits ending in a valid check digit")
        }
        guard product.kind == .esim else {
            throw .invalidParam("esim_id can only be used with an eSIM plan, not '\(product.id)'")
        }
        return iccid
    }

    // MARK: Options

    private func paymentMethod(_ value: JSONInput?) throws(APIError) -> PaymentMethod {
        switch value {
        case nil, .null?:
            return .balance
        case .string(let name)?:
            guard let method = PaymentMethod(rawValue: name) else {
                let names = PaymentMethod.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.badRequest, code: "unsupported_payment_method", "Payment method '\(name)' is not supported. Use one of: \(names)")
            }
            return method
        case let other?:
            throw .invalidParam("payment_method must be a string, got \(other.kindName)")
        }
    }

    private func optionalBool(_ value: JSONInput?, name: String) throws(APIError) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw .invalidParam("\(name) must be a boolean, got \(other.kindName)")
        }
    }

    private func optionalString(_ value: JSONInput?, name: String) throws(APIError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw .invalidParam("\(name) must be a string, got \(other.kindName)")
        }
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    private static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else { return false }
        return scheme == "http" || scheme == "https"
    }
}
