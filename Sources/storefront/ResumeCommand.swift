import ArgumentParser
import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain

/// `storefront resume`: finishes the purchases no storefront is working on, whichever host started them.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish every unfinished purchase no running storefront is working on (its host was killed or cut off).",
        discussion: """
        A storefront working a purchase holds its lease and renews it every 10 s; a killed host's lease runs out \
        within 30 s. This takes up every unfinished purchase whose lease is free or ran out (in team mode, the whole \
        desk's, whoever started it): a create whose answer was lost is reconciled with the server's invoices before \
        anything is sent again, and each is followed to its end or --timeout. Running storefronts do the same in the \
        background every 15 s.

        \(CheckoutExit.help)
        """)
    @OptionGroup var options: GlobalOptions
    @OptionGroup var output: PurchaseOutputOptions

    func run() async throws {
        try await PurchaseContext.run(options) { context in
            let abandoned = try await context.engine.abandoned()
            if abandoned.isEmpty {
                printError("Nothing to resume: no unfinished purchase is left without a storefront working on it.")
                if output.json { try printJSON([PurchaseReport]()) }
                return 0
            }
            printError("Resuming \(abandoned.count) unfinished purchase\(abandoned.count == 1 ? "" : "s") no storefront is working on.")
            var console = CheckoutConsole(json: output.json, reveal: output.reveal, revealGate: context.revealGate,
                                          timeout: TimeInterval(output.timeout))
            console.printsResult = !output.json
            let finished = await Self.finish(abandoned, console: console, engine: context.engine)
            if output.json {
                var reports: [PurchaseReport] = []
                for purchase in finished.compactMap(\.purchase) {
                    reports.append(PurchaseReport(purchase, reveal: await console.revealing(purchase)))
                }
                try printJSON(reports)
            }
            return finished.map(\.exit).first { $0 != 0 } ?? 0
        }
    }

    /// Each purchase followed at once, in the order found: one awaiting a crypto payment does not hold up the rest.
    private static func finish(_ purchases: [Purchase], console: CheckoutConsole,
                               engine: PurchaseEngine) async -> [(purchase: Purchase?, exit: Int32)] {
        await withTaskGroup(of: (Int, Purchase?, Int32).self) { group in
            for (index, purchase) in purchases.enumerated() {
                group.addTask { await Self.finish(purchase, at: index, console: console, engine: engine) }
            }
            var results = [(purchase: Purchase?, exit: Int32)](repeating: (nil, 0), count: purchases.count)
            for await (index, purchase, exit) in group { results[index] = (purchase, exit) }
            return results
        }
    }

    @inline(never)
    private static func finish(_ purchase: Purchase, at index: Int, console: CheckoutConsole,
                               engine: PurchaseEngine) async -> (Int, Purchase?, Int32) {
        do {
            let finished = try await console.watch(purchase.id, engine: engine)
            return (index, finished, CheckoutExit.code(for: finished))
        } catch {
            printError("\(purchase.invoiceId ?? purchase.id): \(error.message)")
            return (index, nil, CheckoutExit.apiOrNetwork)
        }
    }
}
