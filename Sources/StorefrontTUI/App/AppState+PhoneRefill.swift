import StorefrontDomain

/// The phone refill screen: a number (and a country for numbers typed the national way), the operators
/// `check_phone_number` finds, then the chosen operator's add-to-cart dialog with the number filled in.
public struct PhoneRefillState: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case number
        /// The operators that serve the number; the dialog opens over this step.
        case operators
    }

    public enum Field: Sendable, Equatable { case number, country }

    public var step: Step = .number
    public var field: Field = .number
    public var numberText = ""
    /// ISO alpha-2; empty when the number is typed with its country code.
    public var countryText = ""
    public var error: String?
    /// The E.164 number being checked.
    public var checking: String?
    /// The number as last read and checked, with how it was completed.
    public var reading: PhoneNumberReading?
    public var operators: [PhoneOperatorChoice] = []
    public var operatorSelection = 0
    /// The operator whose product is being read.
    public var loadingOperator: String?
    /// Where Esc from the first step goes.
    public var returnTo: Screen = .browser

    public init() {}

    public var selectedOperator: PhoneOperatorChoice? {
        operators.indices.contains(operatorSelection) ? operators[operatorSelection] : nil
    }
}

/// An operator that serves a number: the product that tops it up. Names are sanitised at the edge.
public struct PhoneOperatorChoice: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// What the API said about a number it would not check, reworded to say what to do next. Shared by the
/// phone screen and `storefront phone check`.
public enum PhoneCheckAdvice {
    public static func message(code: String?, number: String, serverMessage: String) -> String {
        switch code {
        case "invalid_phone_number":
            return "The API does not accept \(number) as a phone number: check the digits with the customer and enter it as + country code and number (e.g. +4915212345678)."
        case "unsupported_operator":
            return "No operator we can refill serves \(number): check the number with the customer (a landline, a typo, a ported number?); if it is right, it cannot be topped up here."
        default:
            return serverMessage
        }
    }
}
