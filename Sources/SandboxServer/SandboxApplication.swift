import Hummingbird
import Logging
import NIOCore

/// Builds the sandbox server: the one builder used by `storefront sandbox serve` (which calls
/// `runService()` on the result) and, through `RunningSandbox`, by tests and the embedded demo.
///
/// Everything is served under `/v2`. `onServerRunning` receives the bound port once the server listens.
/// With a `persistence` the account (balance, invoices, orders, eSIMs) carries over from earlier runs;
/// throws when what it holds cannot be read back.
public func buildSandboxApplication(
    configuration: SandboxConfiguration,
    persistence: (any SandboxPersistence)? = nil,
    host: String = "127.0.0.1",
    port: Int = 0,
    logger: Logger = Logger(label: "storefront.sandbox"),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    try await SandboxAssembly(configuration: configuration, persistence: persistence, logger: logger)
        .application(host: host, port: port, onServerRunning: onServerRunning)
}

/// The sandbox's parts wired together: catalog, store, faults, rate limits, routes.
struct SandboxAssembly {
    let control: SandboxControl
    /// The persisted account's lasting id; nil without persistence.
    let accountID: String?
    private let router: Router<SandboxRequestContext>
    private let logger: Logger

    init(configuration: SandboxConfiguration, persistence: (any SandboxPersistence)?, logger: Logger) async throws {
        self.logger = logger
        let clock = SandboxClock(configuration.time)
        let pricing = AccountPricing(currency: configuration.currency)
        if pricing.currency != configuration.currency.uppercased() {
            logger.warning("Unknown account currency, using BTC", metadata: ["currency": "\(configuration.currency)"])
        }
        let catalog = Catalog(seed: configuration.seed, productCount: configuration.productCount)
        let invoiceRenderer = InvoiceRenderer(dialect: configuration.dialect)
        let webhooks = WebhookDispatcher(attempts: configuration.webhookAttempts, retryDelay: configuration.webhookRetryDelay,
                                         clock: clock, logger: logger)
        let saved: SandboxSavedState?
        do {
            saved = try persistence?.beginRun()
        } catch {
            throw SandboxPersistenceError("The sandbox's saved data cannot be opened: \(error)")
        }
        let store = try SandboxStore(
            configuration: configuration, clock: clock, pricing: pricing, webhooks: webhooks,
            persistence: persistence, saved: saved, product: catalog.product(id:)
        ) { invoice in
            invoiceRenderer.render(invoice).encoded()
        }
        await store.resume()
        accountID = saved?.accountID
        let faults = FaultInjector(rates: configuration.faults, rateLimits: configuration.rateLimits, seed: configuration.seed)
        control = SandboxControl(store: store, faults: faults, clock: clock, webhooks: webhooks)

        let services = SandboxServices(
            catalog: catalog, store: store, products: ProductRenderer(dialect: configuration.dialect, pricing: pricing),
            invoices: invoiceRenderer, dialect: configuration.dialect
        )
        router = Router(context: SandboxRequestContext.self)
        router.add(middleware: FaultMiddleware(injector: faults, clock: clock))
        router.add(middleware: AuthMiddleware(bearerKeys: configuration.bearerKeys, basicCredentials: configuration.basicCredentials))
        if configuration.rateLimits.isEnforced {
            router.add(middleware: RateLimitMiddleware(
                limiter: RateLimiter(multiplier: configuration.rateLimits.multiplier),
                families: configuration.rateLimits.headerFamilies, clock: clock
            ))
        }
        router.add(middleware: ErrorMiddleware())
        let api = router.group(RouterPath(Reply.apiPrefix))
        PingController().addRoutes(to: api)
        AccountController(services: services, currency: pricing.currency).addRoutes(to: api)
        ProductController(services: services).addRoutes(to: api)
        PhoneNumberController(services: services).addRoutes(to: api)
        InvoiceController(services: services).addRoutes(to: api)
        OrderController(services: services).addRoutes(to: api)
        ESIMController(services: services).addRoutes(to: api)
        SandboxController(services: services).addRoutes(to: api)
    }

    func application(
        host: String, port: Int, onServerRunning: @escaping @Sendable (Int) async -> Void
    ) -> Application<RouterResponder<SandboxRequestContext>> {
        Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
