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
