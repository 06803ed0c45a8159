import ArgumentParser
import BitrefillAPI
import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain

extension ESIMCommand {
    struct TopUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topup",
            abstract: "Add a bundle to an eSIM, pay from the balance, follow it to the end, and show the eSIM after.",
            discussion: """
            The eSIM is read first (an unknown ICCID exits 66 and nothing is bought). The purchase goes through \
            POST /esims with the ICCID as esim_id, like any purchase: journalled first, never sent twice.

            Example: storefront esim topup 8988247000000000019 --plan test-esim --bundle "3GB, 30 Days" --yes

            \(CheckoutExit.help)
            """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The eSIM's ICCID (19 or 20 digits).") var iccid: String
        @Option(help: ArgumentHelp("The eSIM plan (product id) to take the bundle from, usually the eSIM's own.", valueName: "product-id"))
        var plan: String
        @Option(help: ArgumentHelp("The bundle's label, as the plan lists it (\"3GB, 30 Days\").", valueName: "label")) var bundle: String
        @Option(name: .customLong("idempotency-key"),
                help: ArgumentHelp("Your name for this top-up: any later run with the same key returns it and never buys again.", valueName: "key"))
        var idempotencyKey: String?
        @Flag(help: "Top up even though the same bundle was added to this eSIM in the last 10 minutes.") var again = false
        @Flag(help: "Confirm the top-up (required: money is spent).") var yes = false
        @OptionGroup var output: PurchaseOutputOptions

        func validate() throws {
            _ = try ESIMCommand.iccid(iccid)
            if !yes { throw ValidationError("Add --yes to confirm: this spends money (or play money in the sandbox).") }
        }

        func run() async throws {
            let iccid = try ESIMCommand.iccid(self.iccid)
            try await PurchaseContext.run(options) { context in
                try context.requireBuyer()
                let client = context.connection.client
                let before = try await ESIMCommand.read(iccid, client: client)
                let line = try PurchaseResolver.line(try await context.product(plan, esimPlan: true),
                                                     PurchaseResolver.Input(denomination: bundle, iccid: iccid))
                note("Topping up eSIM \(iccid) (ends in \(iccid.suffix(4))): \(line.productName) \(line.faceValue), from the balance.")
                var console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate, timeout: TimeInterval(output.timeout))
                console.printsResult = !output.json
                let request = CheckoutRequest.make(lines: [line], keyPolicy: idempotencyKey.map { .given($0) } ?? .none, again: again)
                let purchase = try await console.buy(request, engine: context.engine)
                let after = try await reread(iccid, after: purchase, client: client)
                let names = await ESIMCommand.planNames(of: after.map { [$0] } ?? [], client: client)
                let planName = after?.planId.flatMap { names[$0] }
                let delivered = purchase.outcome == .delivered
                let report = after.map { ESIMReport($0, planName: planName, newFrom: delivered ? before.bundles.count : nil) }
                if output.json {
                    try printJSON(TopUpReport(purchase: PurchaseReport(purchase, reveal: await console.revealing(purchase)), esim: report))
                } else if let report {
                    print("\neSIM after the top-up:\n" + report.lines(width: TerminalOutput.standardOutput.width).joined(separator: "\n"))
                }
                if delivered, let after, after.bundles.count <= before.bundles.count {
                    note("The top-up was delivered, but the eSIM does not list the new bundle yet: `storefront esim show \(iccid)` reads it again.")
                } else if !delivered, purchase.stage == .settled {
                    note("Nothing was added to the eSIM.")
                }
                return CheckoutExit.code(for: purchase)
            }
        }

        /// The eSIM read again once the purchase settled; nil before that, or when it cannot be read (said on stderr).
        private func reread(_ iccid: String, after purchase: Purchase, client: BitrefillClient) async throws -> ESIMDetails? {
            guard purchase.stage == .settled else { return nil }
            do {
                return ESIMDetails(try await client.send(Endpoints.esim(iccid: iccid)))
            } catch let error as APIError {
                note("The eSIM could not be read again: \(error.message)")
                return nil
            }
        }

        private func note(_ text: String) {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// `esim topup --json`: the purchase as `buy --json` prints it, and the eSIM read again after it.
    struct TopUpReport: Encodable {
        var purchase: PurchaseReport
        var esim: ESIMReport?
    }
}
