import ArgumentParser
import BitrefillAPI
import Checkout
import StorefrontDomain

/// The exit codes of the purchase commands, documented in `--help`: a script can tell a delivered purchase
/// from one to look at, and one to look at from one that never happened.
enum CheckoutExit {
    static let delivered: Int32 = 0
    static let partlyFailed: Int32 = 10
    static let failedOrDenied: Int32 = 11
    static let expired: Int32 = 12
    static let timedOut: Int32 = 13
    static let ambiguous: Int32 = 14
    static let refusedAsAsked = CommandFailure.refusedAsAsked
    static let notFound = CommandFailure.notFound
    static let apiOrNetwork = CommandFailure.unavailable

    static let help = """
    Exit codes: 0 every order delivered; 10 partly failed (the failed orders are refunded); 11 failed or denied \
    (every order failed, the payment was denied, or the server refused the purchase, e.g. balance_too_low or \
    out_of_stock); 12 expired unpaid; 13 still pending when --timeout ran out (`storefront invoice watch ID` \
    resumes); 14 unknown whether the invoice was created (nothing is sent again; `storefront invoice watch ID` \
    checks again); 64 bad input (nothing was sent), or an identical purchase made in the last 10 minutes \
    (--again buys another) or an --idempotency-key used for another purchase; 65 the server refused the purchase \
    as asked (an operator that does not serve the phone number, a value or package it does not take): nothing \
    was bought; 66 not found (product, plan, eSIM, invoice, order); 69 the API or the network failed (nothing was \
    bought); 70 internal error (the cache or the journal cannot be used; nothing was sent); 74 the journal could \
    not be written after the server acted (the message names the invoice: free space, then run the same command \
    again); 75 the team database (--database-url) is unreachable (nothing was sent); 77 your team role (lookup) \
    cannot buy (nothing was sent; ask for a buyer role). With --json, a failure is also printed on stdout as {"error": {"code", "message", "request"}}.
    """

    static func code(for purchase: Purchase) -> Int32 {
        switch purchase.stage {
        case .settled:
            switch purchase.outcome {
            case .delivered: delivered
            case .partlyFailed: partlyFailed
            case .expired: expired
            case .failed, .denied, nil: failedOrDenied
            }
        case .refused:
            if let code = purchase.refusalCode, code != Purchase.rateLimitedCode {
                CommandFailure.inputErrorCodes.contains(code) ? refusedAsAsked : code.hasSuffix("not_found") ? notFound : failedOrDenied
            } else {
                apiOrNetwork
            }
        case .notCreated: apiOrNetwork
        case .ambiguous, .intent, .sending: ambiguous
        case .created: timedOut
        }
    }
}
