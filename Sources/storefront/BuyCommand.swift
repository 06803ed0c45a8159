import ArgumentParser
import BitrefillAPI
import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain

struct BuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buy",
        abstract: "Buy a product (or a cart file), pay, and follow the invoice until every order is final.",
        discussion: """
        Every purchase is written to the journal before it is sent. Running the same purchase again while it \
        is unfinished continues it instead of buying twice; an identical purchase made in the last 10 minutes \
        is refused unless --again; with --idempotency-key, the key alone decides: the same key always returns \
        the same purchase. Values, packages, phone numbers and ICCIDs are checked against the product before \
        anything is sent.

        Examples:
          storefront buy test-gift-card-code --value 10 --yes
          storefront buy test-phone-refill --value 10 --phone +15551234567 --yes --json
          storefront buy --cart lines.json --payment bitcoin --refund-address bc1q... --yes
          storefront buy test-gift-card-code --value 10 --idempotency-key order-1234 --yes   (safe to run again)

        A cart file is a JSON array in the API's `products` shape: \
        [{"product_id": "...", "package_id": "..." | "value": 10, "quantity": 1, "phone_number": "+...", "esim_id": "..."}]

        \(CheckoutExit.help)
        """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The product to buy (omit with --cart).") var productId: String?
    @Option(help: ArgumentHelp("A package id of the product.", valueName: "id")) var package: String?
    @Option(help: ArgumentHelp("A face value within the product's range, or an eSIM bundle label.", valueName: "value")) var value: String?
    @Option(help: "Units to buy (1-20; each becomes one order).") var quantity = 1
    @Option(help: ArgumentHelp("Phone number to top up, in E.164 (+15551234567).", valueName: "+E164")) var phone: String?
    @Option(help: ArgumentHelp("ICCID of an eSIM to top up (makes this a top-up through POST /esims).", valueName: "iccid")) var esim: String?
    @Option(help: ArgumentHelp("A JSON file of lines, for a purchase of several products.", valueName: "file")) var cart: String?
    @Option(help: ArgumentHelp("balance (default) or a crypto method: \(PaymentMethod.knownCases.map(\.rawValue).joined(separator: ", ")).", valueName: "method"))
    var payment = "balance"
    @Option(name: .customLong("refund-address"), help: ArgumentHelp("Where a crypto payment is refunded if an order fails.", valueName: "address"))
    var refundAddress: String?
    @Option(help: ArgumentHelp("Send the codes to this email address too.", valueName: "email")) var email: String?
    @Option(name: .customLong("idempotency-key"),
            help: ArgumentHelp("Your name for this purchase: any later run with the same key returns it (whatever its stage) and never buys again.", valueName: "key"))
    var idempotencyKey: String?
    @Flag(help: "Buy even though an identical purchase was made in the last 10 minutes (without it, that is refused: a retried script must not buy twice).")
    var again = false
    @Flag(help: "Confirm the purchase (required: money is spent).") var yes = false
    @OptionGroup var output: PurchaseOutputOptions
    @OptionGroup var webhook: WebhookOptions

    func validate() throws {
        if (productId == nil) == (cart == nil) { throw ValidationError("Name a product to buy, or give --cart FILE (not both).") }
        if productId != nil, (package == nil) == (value == nil) { throw ValidationError("Choose the denomination with --package ID or --value V (one of them).") }
        if !(1...Cart.maxUnits).contains(quantity) { throw ValidationError("--quantity must be 1 to \(Cart.maxUnits): an invoice holds at most \(Cart.maxUnits) units.") }
        let method = PaymentMethod(rawValue: payment)
        if case .unknown = method { throw ValidationError("Unknown payment method '\(payment)'. Use one of: \(PaymentMethod.knownCases.map(\.rawValue).joined(separator: ", ")).") }
        if method != .balance, let refundAddress, let problem = RefundAddress.problem(refundAddress, for: method) {
            throw ValidationError(problem)
        }
        if let esim, let problem = ICCID.problem(esim) { throw ValidationError(problem) }
        if let idempotencyKey, idempotencyKey.isEmpty || idempotencyKey.count > 255 || idempotencyKey.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }) {
            throw ValidationError("--idempotency-key takes 1 to 255 printable characters, e.g. a UUID or an order number of yours.")
        }
        if !yes { throw ValidationError("Add --yes to confirm: this spends money (or play money in the sandbox).") }
    }

    func run() async throws {
        try await PurchaseContext.run(options) { context in
            try context.requireBuyer()
            let lines = try await cartLines(context)
            let units = lines.reduce(0) { $0 + $1.quantity }
            guard units <= Cart.maxUnits else {
                throw CommandFailure.badInput("The purchase has \(units) units; an invoice holds at most \(Cart.maxUnits). Split it.")
            }
            let method = PaymentMethod(rawValue: payment)
            let request = CheckoutRequest.make(lines: lines, paymentMethod: method, refundAddress: refundAddress, email: email,
                                               webhookURL: try webhook.settings()?.url, keyPolicy: idempotencyKey.map { .given($0) } ?? .none, again: again)
            var console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate, timeout: TimeInterval(output.timeout))
            let signal = CheckNowSignal()
            console.checkNow = signal
            console.reportsAsError = PurchaseRefusal.isRefusedAsAsked
            let purchase = try await webhook.listening(signal) { try await console.buy(request, engine: context.engine) }
            if PurchaseRefusal.isRefusedAsAsked(purchase) { throw await PurchaseRefusal.failure(purchase, client: context.connection.client) }
            return CheckoutExit.code(for: purchase)
        }
    }

    /// Every line resolved against its product before anything is bought: an unknown product, a value off the
    /// range's step, a missing phone number or a bad ICCID stops here, naming what is allowed.
    private func cartLines(_ context: PurchaseContext) async throws -> [CartLine] {
        let wanted: [(productId: String, input: PurchaseResolver.Input)]
        if let cart {
            wanted = try CartFile.read(cart)
        } else if let productId {
            wanted = [(productId, PurchaseResolver.Input(denomination: package ?? value ?? "", quantity: quantity, phone: phone, iccid: esim))]
        } else {
            wanted = []
        }
        var products: [String: ProductDetail] = [:]
        var lines: [CartLine] = []
        for (index, item) in wanted.enumerated() {
            let product: ProductDetail
            if let known = products[item.productId] {
                product = known
            } else {
                product = try await context.product(item.productId)
                products[item.productId] = product
            }
            do {
                lines.append(try PurchaseResolver.line(product, item.input))
            } catch {
                throw CommandFailure.badInput((cart == nil ? "" : "Line \(index + 1) of \(cart ?? ""): ") + error.message)
            }
        }
        return lines
    }
}
