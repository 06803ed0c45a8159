import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Synchronization

/// A sandbox on a manual clock for account-history tests, with invoices made the way a colleague's script or
/// the website would make them: straight HTTP calls, never through Storefront's client. The client's sleeps move
/// the sandbox clock, so waiting out a rate limit costs no test time and the sandbox sees the wait as real.
struct AccountSandbox {
    let sandbox: RunningSandbox
    let client: BitrefillClient
    let clock: RecordingClock
    let events: EventLog
    /// Requests the client sent, for "opened from the cache without asking the server".
    let requests: RequestCounter

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func with<T>(_ dialect: SandboxDialect, rateLimits: SandboxRateLimits = .off,
                        maxRateLimitWait: Duration = .seconds(15 * 60),
                        _ body: (AccountSandbox) async throws -> T) async throws -> T {
        var configuration = SandboxConfiguration(productCount: 100, dialect: dialect, rateLimits: rateLimits,
                                                 paymentDetectionDelay: .seconds(86_400), deliveryDelay: .zero)
        configuration.time = .manual(startingAt: start)
        let sandbox = try await RunningSandbox.start(configuration: configuration)
        let clock = RecordingClock(start: start)
        let events = EventLog()
        let requests = RequestCounter()
        let transport = HTTPTransport.asyncHTTPClient()
        let counting = HTTPTransport { request in
            requests.add(request.url.path)
            return try await transport.send(request)
        }
        let control = sandbox.control
        let clientConfiguration = ClientConfiguration(
            baseURL: URL(string: sandbox.baseURL)!, credentials: .bearer(apiKey: "sandbox-key"), requestTimeout: .seconds(120),
            maxRateLimitWait: maxRateLimitWait,
            sleep: { duration in
                clock.sleep(duration)
                await control.advanceClock(by: duration)
            },
            now: { control.now() }, random: { 0.5 }, onEvent: { events.append($0) })
        let harness = AccountSandbox(sandbox: sandbox, client: BitrefillClient(configuration: clientConfiguration, transport: counting),
                                     clock: clock, events: events, requests: requests)
        do {
            let result = try await body(harness)
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// `POST /invoices` with a hand-written body over plain HTTP; returns the new invoice's id.
    @discardableResult
    func createInvoiceOverHTTP(product: String = "test-gift-card-code", phone: String? = nil, email: String? = nil,
                               autoPay: Bool = true) async throws -> String {
        var line = #"{"product_id": "\#(product)", "value": 10"#
        if let phone { line += #", "phone_number": "\#(phone)""# }
        line += "}"
        var body = #"{"products": [\#(line)], "payment_method": "balance", "auto_pay": \#(autoPay)"#
        if let email { body += #", "email": "\#(email)""# }
        body += "}"
        let request = HTTPRequestData(method: "POST", url: URL(string: sandbox.baseURL + "/invoices")!,
                                      headers: [("Authorization", "Bearer sandbox-key"), ("Content-Type", "application/json")],
                                      body: Data(body.utf8), timeout: .seconds(120))
        let response = try await HTTPTransport.asyncHTTPClient().send(request)
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        guard response.status == 200, let id = (object?["data"] as? [String: Any])?["id"] as? String else {
            throw AccountSandboxError(description: "POST /invoices answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return id
    }

    /// `count` invoices a minute apart, oldest first; returns their ids in creation order.
    func createInvoices(_ count: Int, product: String = "test-gift-card-code") async throws -> [String] {
        var ids: [String] = []
        for _ in 0..<count {
            ids.append(try await createInvoiceOverHTTP(product: product))
            await sandbox.control.advanceClock(by: .seconds(60))
        }
        return ids
    }

    var rateLimitWaits: Int {
        events.events.filter { if case .waitingForRateLimit = $0 { true } else { false } }.count
    }
}

final class RequestCounter: Sendable {
    private let paths = Mutex<[String]>([])
    func add(_ path: String) { paths.withLock { $0.append(path) } }
    var count: Int { paths.withLock { $0.count } }
}

struct AccountSandboxError: Error, CustomStringConvertible {
    let description: String
}
