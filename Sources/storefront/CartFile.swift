import ArgumentParser
import Checkout
import Foundation
import StorefrontCore

/// `buy --cart FILE`: lines in the API's `products` shape.
enum CartFile {
    struct Line: Decodable {
        var productId: String
        var packageId: String?
        var value: Value?
        var quantity: Int?
        var phoneNumber: String?
        var esimId: String?

        enum CodingKeys: String, CodingKey {
            case productId = "product_id", packageId = "package_id", value, quantity, phoneNumber = "phone_number", esimId = "esim_id"
        }
    }

    /// `value` as the API takes it: a number, or a label string (eSIM bundles).
    enum Value: Decodable {
        case number(Decimal)
        case label(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Decimal.self) { self = .number(number) } else { self = .label(try container.decode(String.self)) }
        }
    }

    static func read(_ path: String) throws -> [PurchaseLine] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("Cannot read the cart file \(path): \(error.localizedDescription)")
        }
        let lines: [Line]
        do {
            lines = try JSONDecoder().decode([Line].self, from: data)
        } catch {
            throw ValidationError("The cart file \(path) is not a JSON array of lines like [{\"product_id\": \"...\", \"value\": 10, \"quantity\": 1}]: \(error)")
        }
        guard !lines.isEmpty else { throw ValidationError("The cart file \(path) has no lines.") }
        return try lines.enumerated().map { index, line in
            let denomination: PurchaseLine.Denomination
            let face: String
            switch (line.packageId, line.value) {
            case (let package?, nil):
                denomination = .package(id: package)
                face = package
            case (nil, .number(let number)?):
                denomination = .value("\(number)")
                face = "\(number)"
            case (nil, .label(let label)?):
                denomination = .label(label)
                face = label
            default:
                throw ValidationError("Line \(index + 1) of \(path) needs exactly one of package_id or value.")
            }
            let quantity = line.quantity ?? 1
            guard quantity >= 1 else { throw ValidationError("Line \(index + 1) of \(path): quantity must be at least 1.") }
            var phone: String?
            if let number = line.phoneNumber {
                do { phone = try PhoneNumber.normalize(number) } catch { throw ValidationError("Line \(index + 1) of \(path): \(error)") }
            }
            if let esim = line.esimId, let problem = ICCID.problem(esim) { throw ValidationError("Line \(index + 1) of \(path): \(problem)") }
            return PurchaseLine(productId: line.productId, productName: Sanitizer.clean(line.productId), faceValue: Sanitizer.clean(face),
                                denomination: denomination, quantity: quantity, phoneNumber: phone, esimId: line.esimId)
        }
    }
}
