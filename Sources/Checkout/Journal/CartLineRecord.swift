import Foundation
import GRDB
import StorefrontDomain

/// A cart line as stored: the denomination flattened into columns (a package, or a typed value as text so
/// decimals stay exact).
struct CartLineRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cart_line"

    var position: Int
    var id: String
    var productId: String
    var productName: String
    var productType: String
    var packageId: String?
    var packageValue: String?
    var packagePrice: Int64?
    var value: String?
    var faceValue: String
    var unitPrice: Int64?
    var quantity: Int
    var phoneNumber: String?
    /// The purchase whose intent took this line: it leaves the cart when that purchase's invoice exists, and is
    /// free again when the server refused it or it proved never made. Written in the same transaction as the
    /// purchase's own stage, so no kill can separate a purchase from the cart it was made from.
    var heldBy: String?

    enum CodingKeys: String, CodingKey {
        case position, id, value, quantity
        case productId = "product_id", productName = "product_name", productType = "product_type"
        case packageId = "package_id", packageValue = "package_value", packagePrice = "package_price"
        case faceValue = "face_value", unitPrice = "unit_price", phoneNumber = "phone_number", heldBy = "held_by"
    }

    init(_ line: CartLine, position: Int, heldBy: String? = nil) {
        self.position = position
        self.heldBy = heldBy
        id = line.id
        productId = line.productId
        productName = line.productName
        productType = line.productType.rawValue
        switch line.choice {
        case .package(let package):
            packageId = package.id
            packageValue = package.value
            packagePrice = package.price
        case .value(let amount):
            value = "\(amount)"
        }
        faceValue = line.faceValue
        unitPrice = line.unitPrice
        quantity = line.quantity
        phoneNumber = line.phoneNumber
    }

    /// nil for a row that no longer makes a valid line (it is skipped rather than failing the whole cart).
    var line: CartLine? {
        let choice: DenominationChoice
        if let packageId, let packageValue {
            choice = .package(PackageOption(id: packageId, value: packageValue, price: packagePrice))
        } else if let value, let amount = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) {
            choice = .value(amount)
        } else {
            return nil
        }
        return CartLine(id: id, productId: productId, productName: productName, productType: ProductType(rawValue: productType),
                        choice: choice, faceValue: faceValue, unitPrice: unitPrice, quantity: quantity, phoneNumber: phoneNumber)
    }
}
