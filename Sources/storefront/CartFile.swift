import ArgumentParser
import Foundation
import StorefrontDomain

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

    /// The lines as typed: each is resolved against its product (and refused with its line number) before
    /// anything is bought.
    static func read(_ path: String) throws -> [(productId: String, input: PurchaseResolver.Input)] {
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
            let denomination: String
            switch (line.packageId, line.value) {
            case (let package?, nil): denomination = package
            case (nil, .number(let number)?): denomination = "\(number)"
            case (nil, .label(let label)?): denomination = label
            default: throw ValidationError("Line \(index + 1) of \(path) needs exactly one of package_id or value.")
            }
            return (line.productId, PurchaseResolver.Input(denomination: denomination, quantity: line.quantity ?? 1,
                                                           phone: line.phoneNumber, iccid: line.esimId))
        }
    }
}
