import Foundation

/// An invoice of the account as the server lists it, whoever made it (this data directory, a colleague, a script,
/// the website). It holds no redemption details by construction: this is what the history cache stores, and codes
/// live only in the journal. Every string is sanitised before it gets here.
public struct AccountInvoice: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var createdAt: Date?
    public var status: InvoiceStatus?
    public var paymentStatus: PaymentStatus?
    public var paymentMethod: PaymentMethod?
    public var amount: Money?
    public var email: String?
    public var orders: [AccountOrder]
    /// Set when the journal knows this invoice; never cached (the journal is read again on every listing).
    public var madeHere: MadeHere?

    public init(id: String, createdAt: Date? = nil, status: InvoiceStatus? = nil, paymentStatus: PaymentStatus? = nil,
                paymentMethod: PaymentMethod? = nil, amount: Money? = nil, email: String? = nil, orders: [AccountOrder] = [],
                madeHere: MadeHere? = nil) {
        self.id = id
        self.createdAt = createdAt
        self.status = status
        self.paymentStatus = paymentStatus
        self.paymentMethod = paymentMethod
        self.amount = amount
        self.email = email
        self.orders = orders
        self.madeHere = madeHere
    }

    /// "Test Gift Card Code 10 USD ×2, Test Phone Refill 10 USD": what was bought, for one table cell.
    public var items: String {
        var groups: [(label: String, count: Int)] = []
        for order in orders {
            let label = [order.productName ?? order.productId ?? "order \(order.id)", order.value].compactMap { $0 }.joined(separator: " ")
            if let index = groups.firstIndex(where: { $0.label == label }) { groups[index].count += 1 } else { groups.append((label, 1)) }
        }
        return groups.map { $0.count > 1 ? "\($0.label) ×\($0.count)" : $0.label }.joined(separator: ", ")
    }

    /// The invoice's status as one word: payment first while it is not paid, then delivery.
    public var statusWord: String {
        if let paymentStatus, paymentStatus != .paymentConfirmed, paymentStatus != .paid { return paymentStatus.rawValue }
        return status?.rawValue ?? paymentStatus?.rawValue ?? "unknown"
    }
}

/// One order of the account, as `GET /orders` lists it, without its redemption details.
public struct AccountOrder: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var invoiceId: String?
    public var createdAt: Date?
    public var status: OrderStatus?
    public var productId: String?
    public var productName: String?
    /// "10 USD", or a bundle label ("3GB, 30 Days").
    public var value: String?
    public var phoneNumber: String?
    public var esimId: String?
    /// Set when the journal knows this order's invoice; never cached.
    public var madeHere: MadeHere?

    public init(id: String, invoiceId: String? = nil, createdAt: Date? = nil, status: OrderStatus? = nil, productId: String? = nil,
                productName: String? = nil, value: String? = nil, phoneNumber: String? = nil, esimId: String? = nil,
                madeHere: MadeHere? = nil) {
        self.id = id
        self.invoiceId = invoiceId
        self.createdAt = createdAt
        self.status = status
        self.productId = productId
        self.productName = productName
        self.value = value
        self.phoneNumber = phoneNumber
        self.esimId = esimId
        self.madeHere = madeHere
    }

    /// Fills what the other listing knows: invoices list their orders abridged, orders lack nothing but may be
    /// older. Fields this order has win.
    public func filled(from other: AccountOrder) -> AccountOrder {
        var order = self
        order.invoiceId = invoiceId ?? other.invoiceId
        order.createdAt = createdAt ?? other.createdAt
        order.status = status ?? other.status
        order.productId = productId ?? other.productId
        order.productName = productName ?? other.productName
        order.value = value ?? other.value
        order.phoneNumber = phoneNumber ?? other.phoneNumber
        order.esimId = esimId ?? other.esimId
        return order
    }
}

/// A purchase this data directory's journal knows: shown once, marked as made here.
public struct MadeHere: Sendable, Equatable, Codable {
    /// The journal's purchase id (`storefront invoice show` takes it too).
    public var purchaseId: String
    /// For phone refills: the operator chosen for the number, as the journal recorded it.
    public var operatorName: String?

    public init(purchaseId: String, operatorName: String? = nil) {
        self.purchaseId = purchaseId
        self.operatorName = operatorName
    }
}
