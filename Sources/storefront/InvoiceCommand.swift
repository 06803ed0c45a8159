import ArgumentParser
import BitrefillAPI
import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTUI

struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice",
        abstract: "List the account's invoices; show, follow or pay an invoice made from this data directory.",
        discussion: CheckoutExit.help,
        subcommands: [List.self, Show.self, Watch.self, Pay.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every invoice of the account from the server, whoever made it, newest first; those made here are marked.",
            discussion: CommandFailure.help)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var list: AccountListOptions

        func run() async throws {
            try await AccountListRunner.run(options, list, kind: .invoices)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Look at an invoice once (by invoice or purchase id) and print it.",
                                                        discussion: CheckoutExit.help)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Invoice id, or the purchase id from `storefront history`.") var id: String
        @OptionGroup var output: PurchaseOutputOptions
        @Flag(help: "Also write a receipt (products, codes, PINs, links, instructions, expiry, eSIM QR) to an owner-only file in the data directory, and say where.")
        var receipt = false
        @Option(help: ArgumentHelp("Write the receipt here instead (implies --receipt).", valueName: "path"))
        var receiptFile: String?

        func run() async throws {
            try await PurchaseContext.run(options) { context in
                let known = try await context.engine.purchase(id)
                let console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate, timeout: 0)
                let purchase: Purchase
                if context.looksUpOnly {
                    printError("Your team role looks up: showing what the team journal holds, not checked again (a buyer's look records what it finds).")
                    purchase = known
                } else {
                    do {
                        purchase = try await context.engine.refresh(known.id)
                    } catch let error as CheckoutError where error.madeOnAnotherAPI {
                        printError("Made on another API (or on an embedded sandbox whose sandbox.sqlite was deleted since): showing what the journal knows, not checked again.")
                        purchase = known
                    }
                }
                await console.print(purchase)
                try await writeReceipt(purchase, context)
                return CheckoutExit.code(for: purchase)
            }
        }

        /// A receipt holds the codes in full: in team mode its reveal is recorded first, and none is written otherwise.
        private func writeReceipt(_ purchase: Purchase, _ context: PurchaseContext) async throws {
            guard receipt || receiptFile != nil else { return }
            if let refusal = await context.revealGate.refusal(recording: Reveal.secrets(of: purchase, way: .receipt)) {
                throw CommandFailure(exit: CommandFailure.teamDatabaseUnreachable, code: "reveal_not_recorded",
                                     message: refusal + " No receipt was written.")
            }
            let path = receiptFile.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
            let url = try ReceiptFile.write(purchase, to: path, in: options.dataDirectory())
            printError("Receipt written to \(url.path) (readable by you only; it holds the codes in full).")
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Follow an invoice until every order is final (resumes one stopped by a crash or a kill).",
            discussion: CheckoutExit.help)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Invoice id, or the purchase id from `storefront history`.") var id: String
        @OptionGroup var output: PurchaseOutputOptions
        @OptionGroup var webhook: WebhookOptions

        func run() async throws {
            try await PurchaseContext.run(options) { context in
                var console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate,
                                              timeout: TimeInterval(output.timeout),
                                              streamEvents: output.json)
                let signal = CheckNowSignal()
                console.checkNow = signal
                return CheckoutExit.code(for: try await webhook.listening(signal) { try await console.watch(id, engine: context.engine) })
            }
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pay",
            abstract: "Pay an unpaid balance invoice from the account balance, then follow it. Never pays twice.",
            discussion: CheckoutExit.help)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Invoice id, or the purchase id from `storefront history`.") var id: String
        @Flag(help: "Confirm the payment (required: money is spent).") var yes = false
        @OptionGroup var output: PurchaseOutputOptions

        func validate() throws {
            if !yes { throw ValidationError("Add --yes to confirm the payment.") }
        }

        func run() async throws {
            try await PurchaseContext.run(options) { context in
                try context.requireBuyer()
                let paid = try await context.engine.pay(try await context.engine.purchase(id).id)
                let console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate,
                                              timeout: TimeInterval(output.timeout))
                return CheckoutExit.code(for: try await console.watch(paid.id, engine: context.engine))
            }
        }
    }
}

struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "List the account's orders and show what one delivered.", discussion: CommandFailure.help,
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every order of the account from the server, whoever made it, newest first; those made here are marked.",
            discussion: CommandFailure.help)
        @OptionGroup var options: GlobalOptions
        @OptionGroup var list: AccountListOptions

        func run() async throws {
            try await AccountListRunner.run(options, list, kind: .orders)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show any order of the account (not only those made here): status, code, PIN, link, refund (codes masked unless --reveal).",
            discussion: CommandFailure.help)
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The order id.") var id: String
        @Flag(help: "Print one JSON document.") var json = false
        @Flag(help: "Show codes, PINs and QR payloads instead of masking them.") var reveal = false

        func run() async throws {
            try await PurchaseContext.run(options) { context in
                let fetched = try await context.connection.client.send(Endpoints.order(id: id))
                let order = PurchaseOrder(fetched)
                var shown = reveal
                if reveal, PurchaseValues.values(of: order).contains(where: \.isSecret) {
                    let invoice = fetched.invoiceId
                    var known: Purchase?
                    if let invoice { known = try? await context.engine.journal.purchase(invoiceId: invoice, source: context.engine.source) }
                    let reveals = [Reveal(purchaseId: known?.id, invoiceId: invoice, orderId: order.id, way: .commandLine)]
                    if let refusal = await context.revealGate.refusal(recording: reveals) {
                        printError(refusal)
                        shown = false
                    }
                }
                let report = PurchaseReport.OrderReport(order, reveal: shown)
                if json { try printJSON(report) } else { Swift.print(report.text()) }
                return 0
            }
        }
    }
}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every purchase made from this data directory: unfinished first, then newest first.",
        discussion: CommandFailure.help)
    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp("Only purchases matching an id, product, phone, ICCID or the last characters of a code.", valueName: "text"))
    var search = ""
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Print CSV, one row per order: amounts, methods, phone numbers, ICCIDs (codes masked).") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose --json or --csv, not both.") }
    }

    func run() async throws {
        try await reportingErrors {
            let directory = options.dataDirectory()
            try directory.prepare()
            let purchases: [Purchase]
            if let team = try await options.teamJournal() {
                defer { team.close() }
                purchases = try await team.purchases(matching: search, limit: 500)
            } else {
                do {
                    purchases = try UserDatabase.open(at: directory.file(UserDatabase.fileName)).purchases(matching: search)
                } catch {
                    throw ConfigurationError("\(error)")
                }
            }
            if json {
                try printJSON(purchases.map { PurchaseReport($0, reveal: false) })
                return
            }
            if csv {
                Swift.print(HistoryCSV.text(purchases), terminator: "")
                return
            }
            if purchases.isEmpty {
                Swift.print(search.isEmpty ? "No purchases yet." : "No purchase matches '\(search)'.")
                return
            }
            for purchase in purchases {
                let state = purchase.outcome?.rawValue ?? purchase.stage.rawValue
                Swift.print("\(purchase.createdAt.formatted(.iso8601))  \(state.padding(toLength: 13, withPad: " ", startingAt: 0))  "
                            + "\(purchase.invoiceId ?? purchase.id)  \(purchase.title)"
                            + (purchase.buyerKey.map { "  (bought by key \($0))" } ?? ""))
            }
        }
    }
}
