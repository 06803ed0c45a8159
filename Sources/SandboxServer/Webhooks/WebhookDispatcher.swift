import AsyncHTTPClient
import Logging
import NIOCore

/// One attempt to deliver a webhook, as `SandboxControl.webhookDeliveries()` reports it.
public struct WebhookDelivery: Sendable, Equatable {
    public let invoiceID: String
    public let url: String
    /// 1 for the first try.
    public let attempt: Int
    /// The receiver's HTTP status; nil when no answer came (refused, timed out).
    public let statusCode: Int?

    public var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
}

/// POSTs final-state invoices to their `webhook_url`, retrying a few times with a growing pause measured on
/// the sandbox clock (so a test decides when a retry is due).
///
/// It only ever contacts the URL given with the invoice: redirects are refused.
actor WebhookDispatcher {
    private let attempts: Int
    private let retryDelay: Duration
    private let clock: SandboxClock
    private let logger: Logger
    private var deliveries: [WebhookDelivery] = []
    private var inFlight: [Int: Task<Void, Never>] = [:]
    private var nextTaskNumber = 0
    private var isShutDown = false

    init(attempts: Int, retryDelay: Duration, clock: SandboxClock, logger: Logger) {
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
        self.clock = clock
        self.logger = logger
    }

    func send(invoiceID: String, url: String, body: [UInt8]) {
        guard !isShutDown else { return }
        let number = nextTaskNumber
        nextTaskNumber += 1
        inFlight[number] = Task {
            await self.deliver(invoiceID: invoiceID, url: url, body: body)
            self.finished(number)
        }
    }

    var log: [WebhookDelivery] { deliveries }

    /// Cancels deliveries still retrying; nothing is sent afterwards.
    func shutdown() {
        isShutDown = true
        for task in inFlight.values { task.cancel() }
        inFlight = [:]
    }

    private func deliver(invoiceID: String, url: String, body: [UInt8]) async {
        var attemptedAt = clock.now()
        for attempt in 1...attempts {
            if attempt > 1 {
                await clock.sleep(until: attemptedAt.addingTimeInterval((retryDelay * (attempt - 1)).seconds))
            }
            guard !Task.isCancelled else { return }
            attemptedAt = clock.now()
            let status = await Self.post(url: url, body: body)
            let delivery = WebhookDelivery(invoiceID: invoiceID, url: url, attempt: attempt, statusCode: status)
            deliveries.append(delivery)
            if delivery.succeeded { return }
            logger.info("Webhook attempt failed", metadata: [
                "invoice": "\(invoiceID)", "attempt": "\(attempt)", "status": "\(status.map(String.init) ?? "no answer")",
            ])
        }
    }

    private func finished(_ number: Int) {
        inFlight[number] = nil
    }

    private static func post(url: String, body: [UInt8]) async -> Int? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "storefront-sandbox-webhook/1")
        request.body = .bytes(body)
        do {
            let response = try await webhookClient.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}

/// One client for every sandbox in the process, never shut down (it lives as long as the process),
/// with redirects refused so a webhook cannot be bounced elsewhere.
private let webhookClient = HTTPClient(
    eventLoopGroup: HTTPClient.defaultEventLoopGroup,
    configuration: HTTPClient.Configuration(
        redirectConfiguration: .disallow,
        timeout: HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(10))
    )
)
