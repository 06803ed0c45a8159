import AccountHistory
import ArgumentParser
import Checkout
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain

/// The options `invoice list` and `order list` share.
struct AccountListOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only those made on or after this day (YYYY-MM-DD, UTC) or ISO-8601 time.", valueName: "date"))
    var since: String?
    @Option(help: ArgumentHelp("Only those made before this time, or on or before this day.", valueName: "date"))
    var until: String?
    @Option(help: ArgumentHelp("Only those matching an invoice or order id, product, phone number, email or ICCID.", valueName: "text"))
    var search = ""
    @Option(help: ArgumentHelp("Only those with this status (invoice, payment or order status, e.g. all_delivered, unpaid, failed).", valueName: "status"))
    var status: String?
    @Flag(help: "Print one JSON document.") var json = false
    @Flag(help: "Print CSV, one row per order (no codes: `order show ID --reveal` shows one).") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose --json or --csv, not both.") }
        if let since, AccountDateBound.since(since) == nil { throw ValidationError("--since \(since) is not a day (2026-12-05) or an ISO-8601 time.") }
        if let until, AccountDateBound.until(until) == nil { throw ValidationError("--until \(until) is not a day (2026-12-05) or an ISO-8601 time.") }
    }

    var query: AccountQuery {
        AccountQuery(since: since.flatMap(AccountDateBound.since), until: until.flatMap(AccountDateBound.until), search: search,
                     status: status)
    }
}

/// `invoice list` and `order list`: the account's whole history from the server, merged with the journal.
enum AccountListRunner {
    static func run(_ options: GlobalOptions, _ list: AccountListOptions, kind: AccountHistory.Kind) async throws {
        try await PurchaseContext.run(options) { context in
            let history = try context.connection.accountHistory(journal: context.journal, dataDirectory: options.dataDirectory()) { until in
                FileHandle.standardError.write(Data("Waiting for the API's request budget until \(Timestamps.iso8601(until))\n".utf8))
            }
            let query = list.query
            // Phone numbers and ICCIDs are on the orders list only: an invoice search reads it too.
            let snapshot = try await history.everything(kind, since: query.since, until: query.until, includingOrders: !query.search.isEmpty)
            if let budget = snapshot.budget?.text { FileHandle.standardError.write(Data("API budget: \(budget)\n".utf8)) }
            let width = TerminalOutput.standardOutput.width
            switch kind {
            case .invoices:
                let invoices = snapshot.invoices.filter(query.matches)
                if list.json {
                    try printJSON(invoices.map(AccountReport.InvoiceRow.init))
                } else if list.csv {
                    print(AccountCSV.invoices(invoices), terminator: "")
                } else if invoices.isEmpty {
                    print("No invoice matches.")
                } else {
                    AccountReport.invoiceTable(invoices, width: width).forEach { print($0) }
                }
            case .orders:
                let orders = snapshot.orders.filter(query.matches)
                if list.json {
                    try printJSON(orders.map(AccountReport.OrderRow.init))
                } else if list.csv {
                    print(AccountCSV.orders(orders), terminator: "")
                } else if orders.isEmpty {
                    print("No order matches.")
                } else {
                    AccountReport.orderTable(orders, width: width).forEach { print($0) }
                }
            }
            return 0
        }
    }
}
