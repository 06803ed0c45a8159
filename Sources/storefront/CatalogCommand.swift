import ArgumentParser
import CatalogStore
import CommandReports
import Foundation
import StorefrontApp
import StorefrontDomain
import TeamJournal

/// `storefront catalog`: the local copy of the catalog. Every browse is answered from the cache; a cache that
/// is empty or from another API is filled first, a stale one is used and said to be stale.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Browse the local copy of the catalog, and refresh it.",
        discussion: """
        The catalog is kept in catalog.sqlite in the data directory and answers every query locally. \
        STOREFRONT_CATALOG_MAX_AGE (default 1h; "30m", "2h", seconds) is the age past which it counts as stale.

        \(CommandFailure.help)
        """,
        subcommands: [Refresh.self, Countries.self, List.self, Show.self]
    )
}

extension CatalogCommand {
    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Read the whole catalog from the API into the local cache.",
            discussion: "Waits out rate limits with a countdown. A refresh that fails leaves the previous catalog as it was.\n\n\(CommandFailure.help)")

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Move a damaged or foreign catalog file aside (it is kept, renamed) and fill a new one.")
        var rebuild = false

        func run() async throws {
            try await reportingErrors {
                let settings = try options.connectionSettings()
                let directory = options.dataDirectory()
                if rebuild, let moved = try CatalogService.moveAside(dataDirectory: directory) {
                    TerminalOutput.standardError.write("Moved the old catalog to \(moved.path).\n")
                }
                let service = try openCatalog(options, settings: settings)
                if case .replace(let previous) = try service.startupAction() {
                    TerminalOutput.standardError.write("Replacing the catalog of \(previous) with that of \(service.source).\n")
                }
                guard let team = try TeamSettings.resolve(options) else {
                    _ = try await service.refreshShowingProgress(settings: settings, output: .standardOutput)
                    return
                }
                try await refreshWithTheDesk(service, settings: settings, team: team)
            }
        }

        /// Team mode: the catalog another host stored in the team database is copied (no API request); only when it
        /// is older than STOREFRONT_CATALOG_MAX_AGE does one host, under the catalog lease, walk the API and store it.
        private func refreshWithTheDesk(_ service: CatalogService, settings: ConnectionSettings, team: TeamSettings) async throws {
            let maxAge = try CatalogFreshnessPolicy.resolve(environment: ProcessInfo.processInfo.environment).maxAge
            let desk = TeamCatalog(url: team.url, agent: team.agent)
            let outcome = try await desk.refresh(service.database, source: service.source, maxAge: maxAge) {
                try await service.refreshShowingProgress(settings: settings, output: .standardOutput)
            }
            if case .copied(let products, let holder) = outcome {
                let refreshing = holder.map { " \($0) is refreshing it from the API now." } ?? ""
                print("Copied \(products) products from the team database at \(team.url.place); no API request was sent.\(refreshing)")
            }
        }
    }

    struct Countries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "countries", abstract: "List the countries of the catalog, with product counts per type.",
                                                        discussion: CommandFailure.help)

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            try await reportingErrors {
                let service = try await readyCatalog(options)
                let countries = try service.countries()
                if json { return try printCatalogJSON(countries) }
                let output = TerminalOutput.standardOutput
                for line in CatalogTables.render(columns: CatalogTables.countryColumns, rows: countries.map(CatalogTables.countryRow),
                                                 width: output.width) {
                    print(line)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List products, filtered and searched, by name or by relevance.",
                                                        discussion: CommandFailure.help)

        @OptionGroup var options: GlobalOptions
        @Option(help: ArgumentHelp("Only products sold in this country (two-letter code; eSIM plans covering it too).", valueName: "CC"))
        var country: String?
        @Option(help: ArgumentHelp("Only this type: gift_card, phone_refill, esim or bill_payment.", valueName: "T"))
        var type: String?
        @Option(help: ArgumentHelp("Words to look for in names, ids, categories and countries (word starts match).", valueName: "Q"))
        var search: String?
        @Flag(help: "Only products in stock.") var inStock = false
        @Option(help: ArgumentHelp("At most N products (a search's default: the best \(List.searchLimit)).", valueName: "N"))
        var limit: Int?
        @Flag(help: "Every matching product, however many a search finds.") var all = false
        @Flag(help: "Print JSON instead of a table.") var json = false

        /// How many products a search prints unless told: the best matches, as search tools show them; a script
        /// asks for `--all`. Browsing lists every product.
        static let searchLimit = 50

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more; use --all for every product.") }
            if limit != nil && all { throw ValidationError("Choose --limit N or --all, not both.") }
        }

        func run() async throws {
            try await reportingErrors {
                let productType = try type.map(ProductType.parse)
                let service = try await readyCatalog(options)
                let text = search ?? ""
                let searching = !SearchText.searchWords(text).isEmpty
                let query = CatalogQuery(country: country, type: productType, inStockOnly: inStock, text: text,
                                         limit: all ? nil : limit ?? (searching ? Self.searchLimit : nil))
                var out = OutputBuffer.standardOutput()
                if json {
                    let count = try service.writeProductJSON(query, to: &out)
                    if count.isPartial { TerminalOutput.standardError.write("\(count.description).\n") }
                } else {
                    try service.writeProductTable(query, width: TerminalOutput.standardOutput.width, to: &out)
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one product with its denominations and prices.",
                                                        discussion: CommandFailure.help)

        @OptionGroup var options: GlobalOptions
        @Argument(help: ArgumentHelp("The product's id, as `catalog list` shows it.", valueName: "PRODUCT_ID"))
        var productID: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            try await reportingErrors {
                let service = try await readyCatalog(options)
                let product = try service.product(id: productID)
                if json { return try printCatalogJSON(ProductDetailJSON(product)) }
                for line in CatalogTables.detail(product, width: TerminalOutput.standardOutput.width) { print(line) }
            }
        }
    }
}

/// Opens the catalog of the data directory for the connection the options name, to write it.
private func openCatalog(_ options: GlobalOptions, settings: ConnectionSettings) throws -> CatalogService {
    let policy = try CatalogFreshnessPolicy.resolve(environment: ProcessInfo.processInfo.environment)
    return try CatalogService.open(dataDirectory: options.dataDirectory(), settings: settings, policy: policy)
}

/// The catalog, filled first if it cannot answer yet (progress and notes on stderr); read-only when it can answer
/// as it is.
private func readyCatalog(_ options: GlobalOptions) async throws -> CatalogService {
    let settings = try options.connectionSettings()
    let policy = try CatalogFreshnessPolicy.resolve(environment: ProcessInfo.processInfo.environment)
    let service = try CatalogService.openForReading(dataDirectory: options.dataDirectory(), settings: settings, policy: policy)
    try await service.prepareForReading(settings: settings, notes: .standardError)
    return service
}

private func printCatalogJSON(_ value: some Encodable) throws {
    let encoder = CatalogService.jsonEncoder()
    encoder.outputFormatting.insert(.prettyPrinted)
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}


