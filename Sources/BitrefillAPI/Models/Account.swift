import Foundation
import StorefrontDomain

/// The account balance, in the smallest unit of the account currency (sats, cents).
public struct Balance: Sendable, Equatable, Decodable {
    public var amount: Money

    enum CodingKeys: String, CodingKey { case balance, currency }

    public init(amount: Money) {
        self.amount = amount
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let currencyCode = container.flexibleString(.currency), let units = container.flexibleInt64(.balance) else {
            throw DecodingError.keyNotFound(CodingKeys.balance, .init(codingPath: decoder.codingPath, debugDescription: "balance without amount and currency"))
        }
        amount = Money(minorUnits: units, currency: Currency.named(currencyCode))
    }
}

/// `GET /ping`'s answer.
public struct Pong: Sendable, Equatable, Decodable {
    public var message: String

    enum CodingKeys: String, CodingKey { case message }

    public init(message: String) {
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = container.flexibleString(.message) ?? ""
    }
}
