import Foundation

/// The answer of `GET /check_phone_number`, whichever of its three shapes the server used.
public enum PhoneCheckResult: Sendable, Equatable, Decodable {
    /// One or several operator products (live: one object or a list).
    case products([Product])
    /// The documented summary: the normalised number and the operators that serve it.
    case operators(phoneNumber: String?, operators: [PhoneOperator])

    /// Every operator, whichever shape carried them.
    public var operators: [PhoneOperator] {
        switch self {
        case .products(let products): products.map { PhoneOperator(id: $0.id, name: $0.name) }
        case .operators(_, let operators): operators
        }
    }

    enum CodingKeys: String, CodingKey {
        case operators
        case phoneNumber = "phone_number"
    }

    public init(from decoder: any Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode(LossyArray<Product>.self) {
            self = .products(list.elements)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.operators) {
            self = .operators(phoneNumber: container.flexibleString(.phoneNumber),
                              operators: container.lossyArray(PhoneOperator.self, .operators))
            return
        }
        self = .products([try Product(from: decoder)])
    }
}

public struct PhoneOperator: Sendable, Equatable, Decodable {
    public var id: String
    public var name: String

    enum CodingKeys: String, CodingKey { case id, name }

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = container.flexibleString(.id) else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: decoder.codingPath, debugDescription: "operator without an id"))
        }
        self.id = id
        name = container.flexibleString(.name) ?? id
    }
}
