import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain

/// A create the server refused as asked (exit 65): an error object, not a purchase report, since nothing was
/// bought. For a phone the operator does not serve, the message names the operators that do, read from
/// `GET /check_phone_number`, so the agent can buy again at once.
enum PurchaseRefusal {
    static func isRefusedAsAsked(_ purchase: Purchase) -> Bool {
        CheckoutExit.code(for: purchase) == CheckoutExit.refusedAsAsked
    }

    static func failure(_ purchase: Purchase, client: BitrefillClient) async -> CommandFailure {
        let code = purchase.refusalCode ?? "refused"
        var message = purchase.problem ?? "The server refused the purchase; nothing was bought."
        if code == "unsupported_operator", let line = purchase.lines.first(where: { $0.phoneNumber != nil }), let number = line.phoneNumber {
            message = "\(line.productName) does not serve \(number): the server refused the top-up, and nothing was bought. "
                + (await servingAdvice(number, besides: line, client: client))
        }
        return CommandFailure(exit: CheckoutExit.refusedAsAsked, code: code, message: message,
                              request: purchase.kind == .esim ? "POST /esims" : "POST /invoices")
    }

    /// Which operators serve `number` and the command that buys from the first, or why none can be named.
    private static func servingAdvice(_ number: String, besides line: PurchaseLine, client: BitrefillClient) async -> String {
        guard let serving = try? await client.send(Endpoints.checkPhoneNumber(number)).operators.filter({ $0.id != line.productId }),
              let first = serving.first else {
            return "No other operator we can refill serves it: check the number with the customer (`storefront phone check \(number)`)."
        }
        let names = serving.map { "\(Sanitizer.clean($0.name)) (\(Sanitizer.clean($0.id)))" }.joined(separator: ", ")
        let value = line.faceValue.split(separator: " ").first.map(String.init) ?? "VALUE"
        return "It is served by \(names): `storefront buy \(Sanitizer.clean(first.id)) --value \(value) --phone \(number) --yes`"
            + " (check the value against that product)."
    }
}
