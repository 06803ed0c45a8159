import ArgumentParser
import BitrefillAPI
import Checkout
import Foundation
import StorefrontApp
import StorefrontCore

struct BuyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buy",
        abstract: "Buy a product (or a cart file), pay, and follow the invoice until every order is final.",
        discussion: """
        Every purchase is written to the journal before it is sent. Running the same purchase again while it \
        is unfinished continues it instead of buying twice.

        Examples:
          storefront buy test-gift-card-code --value 10 --yes
          storefront buy test-phone-refill --value 10 --phone +15551234567 --yes --json
          storefront buy --cart lines.json --payment bitcoin --refund-address bc1q... --yes

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
        if !yes { throw ValidationError("Add --yes to confirm: this spends money (or play money in the sandbox).") }
    }

    func run() async throws {
        try await PurchaseContext.run(options) { context in
            let lines = try await purchaseLines(context)
            let units = lines.reduce(0) { $0 + $1.quantity }
            guard units <= Cart.maxUnits else {
                printError("The purchase has \(units) units; an invoice holds at most \(Cart.maxUnits). Split it.")
                return CheckoutExit.badInput
            }
            let method = PaymentMethod(rawValue: payment)
            let kind: PurchaseKind = esim != nil || lines.allSatisfy({ $0.esimId != nil }) ? .esim : .invoice
            let request = CheckoutRequest(kind: kind, lines: lines, paymentMethod: method, autoPay: method == .balance,
                                          refundAddress: refundAddress, email: email, webhookURL: try webhook.settings()?.url)
            var console = CheckoutConsole(json: output.json, reveal: output.reveal, timeout: TimeInterval(output.timeout))
            let signal = CheckNowSignal()
            console.checkNow = signal
            let purchase = try await webhook.listening(signal) { try await console.buy(request, engine: context.engine) }
            return CheckoutExit.code(for: purchase)
        }
    }

    private func purchaseLines(_ context: PurchaseContext) async throws -> [PurchaseLine] {
        if let cart { return try CartFile.read(cart) }
        guard let productId else { return [] }
        let phoneNumber: String?
        do {
            phoneNumber = try phone.map { try PhoneNumber.normalize($0) }
        } catch {
            throw ValidationError("\(error)")
        }
        let product = try await context.connection.client.send(Endpoints.product(id: productId))
        let name = Sanitizer.clean(product.name)
        let denomination: PurchaseLine.Denomination
        let face: String
        if let package {
            guard let match = product.packages.first(where: { $0.id == package || $0.value == package }) else {
                throw ValidationError("\(name) has no package '\(package)'. Its packages: \(product.packages.map { Sanitizer.clean($0.id) }.joined(separator: ", ")).")
            }
            denomination = product.type == .esim || esim != nil ? .label(match.value) : .package(id: match.id)
            face = Sanitizer.clean(match.value)
        } else {
            let text = value ?? ""
            denomination = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) == nil || product.type == .esim ? .label(text) : .value(text)
            face = Sanitizer.clean(text)
        }
        let currency = product.currency.map { " " + Sanitizer.clean($0) } ?? ""
        return [PurchaseLine(productId: product.id, productName: name, faceValue: face + (Decimal(string: face) == nil ? "" : currency),
                             denomination: denomination, quantity: quantity, phoneNumber: phoneNumber, esimId: esim)]
    }
}
