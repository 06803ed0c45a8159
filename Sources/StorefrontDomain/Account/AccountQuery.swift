import Foundation

/// What a support person narrows the account's history by: a time range, words (an invoice or order id, a
/// product, a phone number, an email, an ICCID) and a status. Pure, so the CLI and the Account screen filter
/// alike.
public struct AccountQuery: Sendable, Equatable {
    /// Inclusive.
    public var since: Date?
    /// Exclusive.
    public var until: Date?
    public var search: String
    public var status: String?

    public init(since: Date? = nil, until: Date? = nil, search: String = "", status: String? = nil) {
        self.since = since
        self.until = until
        self.search = search
        self.status = status
    }

    public func matches(_ invoice: AccountInvoice) -> Bool {
        guard within(invoice.createdAt) else { return false }
        if let status, !status.isEmpty {
            let words = [invoice.status?.rawValue, invoice.paymentStatus?.rawValue] + invoice.orders.map { $0.status?.rawValue }
            guard words.contains(where: { $0?.caseInsensitiveCompare(status) == .orderedSame }) else { return false }
        }
        var texts = [invoice.id, invoice.email, invoice.paymentMethod?.rawValue, invoice.madeHere?.purchaseId, invoice.madeHere?.operatorName]
        for order in invoice.orders { texts += Self.texts(order) }
        return matchesSearch(texts.compactMap { $0 })
    }

    public func matches(_ order: AccountOrder) -> Bool {
        guard within(order.createdAt) else { return false }
        if let status, !status.isEmpty, order.status?.rawValue.caseInsensitiveCompare(status) != .orderedSame { return false }
        return matchesSearch((Self.texts(order) + [order.madeHere?.purchaseId, order.madeHere?.operatorName]).compactMap { $0 })
    }

    private func within(_ date: Date?) -> Bool {
        guard since != nil || until != nil else { return true }
        guard let date else { return false }
        if let since, date < since { return false }
        if let until, date >= until { return false }
        return true
    }

    private static func texts(_ order: AccountOrder) -> [String?] {
        [order.id, order.invoiceId, order.productId, order.productName, order.value, order.phoneNumber, order.esimId]
    }

    /// Every word of the search appears in some text, case-insensitively; a search typed as a phone number (with
    /// `+`, spaces or dashes, or in national form with its trunk 0) matches the digits of a phone number or ICCID.
    private func matchesSearch(_ texts: [String]) -> Bool {
        let words = search.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return true }
        let lowered = texts.map { $0.lowercased() }
        // "+49 151 1234" is one phone number typed in pieces: its digits together are one word.
        if let forms = PhoneSearch.digitForms(search) {
            let digitTexts = texts.map(PhoneSearch.digits).filter { !$0.isEmpty }
            return forms.contains { form in digitTexts.contains { $0.contains(form) } }
        }
        return words.allSatisfy { word in lowered.contains { $0.contains(word) } }
    }
}
