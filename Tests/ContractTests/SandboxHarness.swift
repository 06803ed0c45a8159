import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport

/// A sandbox on a loopback port and a real client (AsyncHTTPClient transport) pointed at it. Sleeps of the
/// client are recorded and skipped, so waiting out a rate limit costs no test time; the client reads the
/// sandbox's clock, so both agree on when a limit resets.
struct SandboxHarness {
    let sandbox: RunningSandbox
    let client: BitrefillClient
    let clock: RecordingClock
    let events: EventLog

    static func start(_ dialect: SandboxDialect, configure: (inout SandboxConfiguration) -> Void = { _ in },
                      credentials: Credentials = .bearer(apiKey: "sandbox-key")) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration(productCount: 300, dialect: dialect, rateLimits: .off,
                                                 paymentDetectionDelay: .seconds(3600), deliveryDelay: .zero)
        configure(&configuration)
        let sandbox = try await RunningSandbox.start(configuration: configuration)
        let clock = RecordingClock()
        let events = EventLog()
        let clientConfiguration = ClientConfiguration(
            baseURL: URL(string: sandbox.baseURL)!, credentials: credentials, requestTimeout: .seconds(120),
            sleep: { clock.sleep($0) }, now: { sandbox.control.now() }, random: { 0.5 }, onEvent: { events.append($0) })
        return SandboxHarness(sandbox: sandbox, client: BitrefillClient(configuration: clientConfiguration), clock: clock, events: events)
    }

    /// Runs `body` with a fresh sandbox, stopping it afterwards whatever happens.
    static func with<T>(_ dialect: SandboxDialect, configure: (inout SandboxConfiguration) -> Void = { _ in },
                        credentials: Credentials = .bearer(apiKey: "sandbox-key"),
                        _ body: (SandboxHarness) async throws -> T) async throws -> T {
        let harness = try await start(dialect, configure: configure, credentials: credentials)
        do {
            let result = try await body(harness)
            await harness.sandbox.stop()
            return result
        } catch {
            await harness.sandbox.stop()
            throw error
        }
    }

    /// Polls the invoice (really waiting, briefly) until it is settled; `timeout` only guards against a hang.
    func followUntilSettled(_ id: String, timeout: Duration = .seconds(120)) async throws -> Invoice {
        let deadline = ContinuousClock.now + timeout
        while true {
            let invoice = try await client.send(Endpoints.invoice(id: id))
            if invoice.isSettled || ContinuousClock.now > deadline { return invoice }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A raw `POST /invoices` body, for requests the typed model cannot express (missing fields, bad JSON).
    func postInvoice(rawBody: String) async throws -> Invoice {
        try await client.send(Endpoint<Invoice>(method: .post, path: "/invoices", body: Data(rawBody.utf8), name: "POST /invoices"))
    }
}
