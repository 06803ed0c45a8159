import Foundation

extension CartLine {
    /// A purchase's line back as a cart line, for buying again an invoice that expired or failed. The journal
    /// keeps no product type: a line with an ICCID, in an eSIM purchase or bought by its bundle label is an eSIM, a line with a
    /// number a phone top-up, anything else is bought the same way whatever its type.
    public init(restoring line: PurchaseLine, kind: PurchaseKind) {
        let isLabel = if case .label = line.denomination { true } else { false }
        let type: ProductType = if line.esimId != nil || kind == .esim || isLabel { .esim } else if line.phoneNumber != nil { .phoneRefill } else { .giftCard }
        let choice: DenominationChoice = switch line.denomination {
        case .package(let id): .package(PackageOption(id: id, value: line.faceValue, price: line.unitPrice))
        case .value(let text): Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")).map { .value($0) }
            ?? .package(PackageOption(id: text, value: text, price: line.unitPrice))
        case .label(let label): .package(PackageOption(id: label, value: label, price: line.unitPrice))
        }
        let id = line.esimId.map { ["esim-top-up", $0, line.productId, line.faceValue].joined(separator: "|") }
            ?? [line.productId, line.faceValue, line.phoneNumber ?? ""].joined(separator: "|")
        self.init(id: id, productId: line.productId, productName: line.productName, productType: type, choice: choice,
                  faceValue: line.faceValue, unitPrice: line.unitPrice, quantity: line.quantity, phoneNumber: line.phoneNumber,
                  esimId: line.esimId)
    }
}
