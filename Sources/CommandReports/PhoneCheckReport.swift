import BitrefillAPI
import CatalogStore
import Foundation
import StorefrontDomain

/// `storefront phone check` as printed: the number, then every operator that serves it with what it sells
/// when the reply said (the live shape carries whole products, the documented one only ids and names).
public struct PhoneCheckReport: Encodable, Sendable {
    public struct OperatorReport: Encodable, Sendable {
        struct Package: Encodable, Sendable {
            var id: String
            var value: String
        }

        struct Range: Encodable, Sendable {
            var min: Decimal
            var max: Decimal
            var step: Decimal
        }

        var id: String
        var name: String
        var country: String?
        var currency: String?
        var packages: [Package]?
        var range: Range?
        /// The face values in a few words, as the catalog shows them.
        var values: String?

        enum CodingKeys: String, CodingKey { case id, name, country, currency, packages, range, values }
    }

    var phoneNumber: String
    /// How the typed number was completed into E.164, when it was.
    var note: String?
    var operators: [OperatorReport]

    enum CodingKeys: String, CodingKey {
        case note, operators
        case phoneNumber = "phone_number"
    }

    public init(number: String, note: String?, result: PhoneCheckResult, now: Date = Date()) {
        phoneNumber = number
        self.note = note
        switch result {
        case .products(let products):
            operators = products.map { product in
                let detail = product.detail(isESIMPlan: false, accountCurrency: nil, at: now)
                let denominations = detail.denominations
                return OperatorReport(
                    id: Sanitizer.clean(product.id), name: detail.summary.name, country: detail.summary.countryCode,
                    currency: detail.summary.currency,
                    packages: denominations.packages.map { OperatorReport.Package(id: Sanitizer.clean($0.id), value: $0.value) },
                    range: denominations.range.map { OperatorReport.Range(min: $0.min, max: $0.max, step: $0.step) },
                    values: detail.summary.faceValues)
            }
        case .operators:
            operators = PhoneOperatorChoice.all(in: result).map { OperatorReport(id: Sanitizer.clean($0.id), name: $0.name) }
        }
    }

    static let columns = [
        TextTable.Column("ID", priority: 9),
        TextTable.Column("OPERATOR", flexible: true, minimumWidth: 10, priority: 8),
        TextTable.Column("COUNTRY", priority: 4),
        TextTable.Column("VALUES", flexible: true, minimumWidth: 10, priority: 6),
    ]

    public func lines(width: Int) -> [String] {
        let count = operators.count == 1 ? "one operator serves it" : "\(operators.count) operators serve it: ask the customer which is theirs"
        var lines = ["\(phoneNumber): \(count)", ""]
        lines += CatalogTables.render(columns: Self.columns,
                                      rows: operators.map { [$0.id, $0.name, $0.country ?? "-", $0.values ?? "-"] }, width: width)
        let example = operators.first?.id ?? "ID"
        lines += ["", "Refill it: storefront buy \(example) --value VALUE --phone \(phoneNumber) --yes"]
        return lines
    }
}
