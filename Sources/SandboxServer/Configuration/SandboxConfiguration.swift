/// Which of the two published shapes the sandbox speaks.
public enum SandboxDialect: String, Sendable, CaseIterable {
    /// Shapes captured from the live API: `country_code`, string package values, delivery roll-up statuses.
    case observed
    /// Shapes from docs.bitrefill.com: `type`, `package_id`, numeric package values, `complete`/`denied` statuses.
    case docs
}

/// A business/affiliate credential pair, sent as `Authorization: Basic base64(id:secret)`.
public struct SandboxCredential: Sendable, Hashable {
    public var id: String
    public var secret: String

    public init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }
}

/// Everything that makes one sandbox differ from another. Every field has a default, so
/// `SandboxConfiguration()` is a realistic server and tests change only what they need.
public struct SandboxConfiguration: Sendable {
    /// Seeds the catalog and every identifier, code and random fault: same seed, same bytes.
    public var seed: UInt64
    /// Generated products, not counting the seven test products.
    public var productCount: Int
    public var dialect: SandboxDialect
    /// Accepted personal keys (`Authorization: Bearer KEY`).
    public var bearerKeys: [String]
    /// Accepted business credentials (`Authorization: Basic ...`).
    public var basicCredentials: [SandboxCredential]
    /// The account currency: "BTC" (balance and prices in sats), "EUR" or "USD" (cents).
    public var currency: String
    /// Starting balance in the account currency's smallest unit.
    public var initialBalance: Int64
    public var rateLimits: SandboxRateLimits
    /// A crypto invoice's payment is seen this long after the invoice is created (unless simulated sooner);
    /// nil: never by itself, only through `simulate-payment`, so a QR stays up until someone acts.
    public var paymentDetectionDelay: Duration?
    /// Orders reach their final state this long after payment.
    public var deliveryDelay: Duration
    /// Unpaid invoices expire this long after creation.
    public var invoiceExpiry: Duration
    /// Random faults, drawn from a generator seeded by `seed`.
    public var faults: SandboxFaults
    /// How many times a webhook is tried before giving up.
    public var webhookAttempts: Int
    /// Pause before the second webhook attempt; each later attempt waits one step longer.
    public var webhookRetryDelay: Duration
    /// Where time comes from: the system clock, or a manual one for tests.
    public var time: SandboxTime

    public init(
        seed: UInt64 = 1,
        productCount: Int = 5_000,
        dialect: SandboxDialect = .observed,
        bearerKeys: [String] = ["sandbox-key"],
        basicCredentials: [SandboxCredential] = [SandboxCredential(id: "sandbox-id", secret: "sandbox-secret")],
        currency: String = "BTC",
        initialBalance: Int64 = 5_000_000,
        rateLimits: SandboxRateLimits = .real,
        paymentDetectionDelay: Duration? = .seconds(20),
        deliveryDelay: Duration = .seconds(3),
        invoiceExpiry: Duration = .seconds(180 * 60),
        faults: SandboxFaults = .none,
        webhookAttempts: Int = 3,
        webhookRetryDelay: Duration = .seconds(2),
        time: SandboxTime = .system
    ) {
        self.seed = seed
        self.productCount = productCount
        self.dialect = dialect
        self.bearerKeys = bearerKeys
        self.basicCredentials = basicCredentials
        self.currency = currency
        self.initialBalance = initialBalance
        self.rateLimits = rateLimits
        self.paymentDetectionDelay = paymentDetectionDelay
        self.deliveryDelay = deliveryDelay
        self.invoiceExpiry = invoiceExpiry
        self.faults = faults
        self.webhookAttempts = webhookAttempts
        self.webhookRetryDelay = webhookRetryDelay
        self.time = time
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for date arithmetic.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
