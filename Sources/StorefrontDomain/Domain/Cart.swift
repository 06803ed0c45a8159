import Foundation

/// One line of the cart: a product, a denomination, how many, and for phone top-ups the number.
public struct CartLine: Sendable, Hashable, Identifiable {
    public var id: String
    public var productId: String
    /// Sanitised display name, kept so the cart shows even when the catalog is being rebuilt.
    public var productName: String
    public var productType: ProductType
    public var choice: DenominationChoice
    /// What a person reads: "50 USD", "3GB, 30 Days".
    public var faceValue: String
    /// Price of one unit in the account currency's smallest unit, when the catalog knows it.
    public var unitPrice: Int64?
    public var quantity: Int
    public var phoneNumber: String?
    /// The ICCID an eSIM line tops up; nil for everything else. Top-ups are placed from the eSIM screen and
    /// never saved with the cart.
    public var esimId: String?

    public init(id: String, productId: String, productName: String, productType: ProductType, choice: DenominationChoice,
                faceValue: String, unitPrice: Int64?, quantity: Int, phoneNumber: String? = nil, esimId: String? = nil) {
        self.id = id
        self.productId = productId
        self.productName = productName
        self.productType = productType
        self.choice = choice
        self.faceValue = faceValue
        self.unitPrice = unitPrice
        self.quantity = quantity
        self.phoneNumber = phoneNumber
        self.esimId = esimId
    }

    /// nil when unknown, or too large to add up (a server price is untrusted input, and must not trap).
    public var linePrice: Int64? {
        guard let unitPrice else { return nil }
        let (price, overflow) = unitPrice.multipliedReportingOverflow(by: Int64(quantity))
        return overflow ? nil : price
    }

    /// Lines that buy the same thing for the same number are merged by adding quantities.
    func isSamePurchase(as other: CartLine) -> Bool {
        productId == other.productId && choice == other.choice && phoneNumber == other.phoneNumber && esimId == other.esimId
    }
}

/// The cart's rules: at most 20 units in all, because each unit becomes one order and an invoice holds 20.
public struct Cart: Sendable, Hashable {
    public static let maxUnits = 20

    public private(set) var lines: [CartLine]

    public init(lines: [CartLine] = []) {
        self.lines = lines
    }

    public var units: Int { lines.reduce(0) { $0 + $1.quantity } }
    public var isEmpty: Bool { lines.isEmpty }
    public var roomLeft: Int { max(0, Self.maxUnits - units) }

    /// The total in the account currency's smallest unit; nil when a line's price is unknown or out of range.
    public var totalPrice: Int64? {
        lines.reduce(Int64(0) as Int64?) { total, line in
            guard let total, let price = line.linePrice else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(price)
            return overflow ? nil : sum
        }
    }

    /// Adds a line (merging with an identical one), refusing what would pass 20 units.
    public mutating func add(_ line: CartLine) throws(CartError) {
        guard line.quantity >= 1 else { throw CartError("The quantity must be at least 1.") }
        guard line.quantity <= roomLeft else { throw .full(units: units, adding: line.quantity) }
        if let index = lines.firstIndex(where: { $0.isSamePurchase(as: line) }) {
            lines[index].quantity += line.quantity
        } else {
            lines.append(line)
        }
    }

    /// Changes a line's quantity by `delta`; at 0 the line is removed. Refuses to pass 20 units.
    public mutating func changeQuantity(ofLine id: String, by delta: Int) throws(CartError) {
        guard let index = lines.firstIndex(where: { $0.id == id }) else { return }
        if delta > 0, delta > roomLeft { throw .full(units: units, adding: delta) }
        lines[index].quantity += delta
        if lines[index].quantity <= 0 { lines.remove(at: index) }
    }

    public mutating func remove(lineID id: String) {
        lines.removeAll { $0.id == id }
    }

    public mutating func clear() {
        lines.removeAll()
    }
}

public struct CartError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public static func full(units: Int, adding: Int) -> CartError {
        let left = max(0, Cart.maxUnits - units)
        let room = left == 0 ? "it is full" : "it has room for \(left) more"
        return CartError("The cart holds at most \(Cart.maxUnits) units (one invoice); it has \(units), so \(room). Check out first, or lower the quantity.")
    }

    public var description: String { message }
}
