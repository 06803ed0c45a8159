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
