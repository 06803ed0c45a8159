import Foundation

/// The one place that turns "this product, and what the user typed" into a purchase line, and a set of lines
/// into the endpoint that buys them. `buy`, `esim topup`, the add-to-cart form and the eSIM screen all call it,
/// so a value, a phone number or a bundle is accepted or refused the same way everywhere, before any request.
public enum PurchaseResolver {
    /// What was typed for one line. `denomination` is a package id, a package's value or label, or a value in
    /// the product's range.
    public struct Input: Sendable, Equatable {
        public var denomination: String
        public var quantity: Int
        public var phone: String?
        public var iccid: String?

        public init(denomination: String, quantity: Int = 1, phone: String? = nil, iccid: String? = nil) {
            self.denomination = denomination
            self.quantity = quantity
            self.phone = phone
            self.iccid = iccid
        }
    }

    /// The line `input` asks for, or the first thing wrong with it, in words naming what is allowed.
    public static func line(_ product: ProductDetail, _ input: Input) throws(ResolutionError) -> CartLine {
        let choice: DenominationChoice
        do { choice = try product.denominations.choose(input.denomination) } catch { throw .denomination(error.message) }
        return try line(product, choice: choice, quantity: input.quantity, phone: input.phone, iccid: input.iccid)
    }

    /// The line for a denomination already chosen from a list (a package picked with the arrow keys).
    public static func line(_ product: ProductDetail, choice: DenominationChoice, quantity: Int, phone: String? = nil,
                            iccid: String? = nil) throws(ResolutionError) -> CartLine {
        let summary = product.summary
        guard (1...Cart.maxUnits).contains(quantity) else {
            throw .quantity("The quantity must be 1 to \(Cart.maxUnits): an invoice holds at most \(Cart.maxUnits) units.")
        }
        let needsPhone = summary.type == .phoneRefill || product.recipientType == .phoneNumber
        var number: String?
        if needsPhone {
            guard let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .phone("\(summary.name) tops up a phone: give the number in international form, e.g. +15551234567.")
            }
            do { number = try PhoneNumber.normalize(phone) } catch { throw .phone(error.message) }
        } else if phone != nil {
            throw .phone("\(summary.name) is not a phone top-up: it takes no phone number.")
        }
        var esimId: String?
        if let iccid {
            guard summary.type == .esim else { throw .iccid("\(summary.name) is not an eSIM plan: only an eSIM bundle tops up an eSIM.") }
            if let problem = ICCID.problem(iccid) { throw .iccid(problem) }
            esimId = ICCID.normalize(iccid)
        }
        let faceValue: String
        let unitPrice: Int64?
        switch choice {
        case .package(let package):
            faceValue = package.faceValue(currency: summary.currency)
            unitPrice = package.price
        case .value(let value):
            guard summary.type != .esim else {
                throw .denomination("An eSIM is bought by its bundle's label. \(product.denominations.allowedDescription).")
            }
            faceValue = "\(value)" + (summary.currency.map { " \($0)" } ?? "")
            unitPrice = product.denominations.range?.price(of: value)
        }
        let id = esimId.map { ["esim-top-up", $0, summary.id, faceValue].joined(separator: "|") }
            ?? [summary.id, faceValue, number ?? ""].joined(separator: "|")
        return CartLine(id: id, productId: summary.id, productName: summary.name, productType: summary.type, choice: choice,
                        faceValue: faceValue, unitPrice: unitPrice, quantity: quantity, phoneNumber: number, esimId: esimId)
    }

    /// The endpoint for a set of lines: eSIMs only (new ones or top-ups) go through `POST /esims`, as the API
    /// documents; anything else, mixed carts included, is one `POST /invoices`, which takes every type.
    public static func kind(of lines: [CartLine]) -> PurchaseKind {
        !lines.isEmpty && lines.allSatisfy { $0.productType == .esim || $0.esimId != nil } ? .esim : .invoice
    }
}

/// A line refused before anything was sent, naming the field and what it accepts.
public enum ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    case denomination(String)
    case quantity(String)
    case phone(String)
    case iccid(String)

    public var message: String {
        switch self {
        case .denomination(let text), .quantity(let text), .phone(let text), .iccid(let text): text
        }
    }

    public var description: String { message }
}
