import BitrefillAPI
import Checkout
import Foundation
import Logging
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// The request log is for diagnosing a session from a file someone may share: it names calls and figures, never a
/// secret, whatever the server sent.
@Suite struct RequestLogTests {
    static let apiKey = "sk_live_APIKEY_7f3a9c"
    static let code = "SECRET-CODE-123"
    static let pin = "PIN-8642"
    static let qr = "LPA:1$smdp.example.test$QR-ACTIVATION-555"
    static let phone = "+15551234567"

    static let invoice = #"{"id":"inv-1","status":"all_delivered","email":"\#(apiKey)","payment":{"method":"balance","status":"payment_confirmed","currency":"EUR","price":1000},"orders":[{"id":"o-1","status":"delivered"}]}"#
    static let order = #"{"id":"o-1","status":"delivered","redemption_info":{"code":"\#(code)","pin":"\#(pin)","barcode_format":"QRCODE","barcode_value":"\#(qr)","extra_fields":{"key":"\#(apiKey)"}}}"#

    @Test func aPurchaseLogsCallsAndFiguresButNoSecret() async throws {
        let budget = ["ratelimit-limit": "60", "ratelimit-remaining": "57", "ratelimit-reset": "30"]
        let api = ScriptedAPI([
            "GET /check_phone_number": { _, _ in ScriptedAPI.data(#"{"phone_number":"\#(Self.phone)","operators":[{"id":"att-us","name":"AT&T"}]}"#) },
            "POST /invoices": { _, _ in ScriptedAPI.data(Self.invoice, headers: budget) },
            "GET /invoices/inv-1": { _, count in
                count == 1 ? ScriptedAPI.json("<html>\(Self.code) \(Self.apiKey)</html>", status: 502) : ScriptedAPI.data(Self.invoice, headers: budget)
            },
            "GET /orders/o-1": { _, _ in ScriptedAPI.data(Self.order, headers: budget) },
            "GET /orders/o-2": { _, _ in ScriptedAPI.json(#"{"error_code":"not_found","message":"no order \#(Self.code)"}"#, status: 404) },
        ])
        let lines = CapturedLog()
        let clock = RecordingClock()
        var logger = Logger(label: "test") { _ in lines.handler }
        logger.logLevel = .debug
        let client = BitrefillClient(configuration: ClientConfiguration(
            baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: Self.apiKey),
            sleep: { clock.sleep($0) }, now: { clock.now }, random: { 0.5 }, logger: logger), transport: api.transport)
        let engine = PurchaseEngine(client: client, journal: try UserDatabase.inMemory(), source: "stub", now: { clock.now })

        _ = try await client.send(Endpoints.checkPhoneNumber(Self.phone))
        let placed = try await engine.place(TransientFollowTests.request)
        let settled = try await engine.refresh(placed.id)
        _ = try? await client.send(Endpoints.order(id: "o-2"))
        #expect(settled.orders.first?.redemption?.code == Self.code, "the secrets did arrive")

        let text = lines.text
        for secret in [Self.apiKey, Self.code, Self.pin, Self.qr, "QR-ACTIVATION-555", Self.phone, "15551234567", "Bearer", "inv-1", "o-1"] {
            #expect(!text.contains(secret), "the log holds \(secret)")
        }
        #expect(text.contains("endpoint=GET /check_phone_number"))
        #expect(text.contains("endpoint=POST /invoices"))
        #expect(text.contains("endpoint=GET /invoices/{id}") && text.contains("status=200") && text.contains("retries=1"))
        #expect(text.contains("reason=HTTP 502"))
        #expect(text.contains("ratelimit_remaining=57") && text.contains("ratelimit_reset_s=30"))
        #expect(text.contains("outcome=not found") && text.contains("status=404"))
        #expect(text.contains("duration_ms="))
        #expect(lines.levels == [.debug])
    }

    @Test func theDefaultLoggerWritesNothing() {
        let configuration = ClientConfiguration(credentials: .bearer(apiKey: "k"))
        #expect(configuration.logger.handler is SwiftLogNoOpLogHandler)
    }
}

/// Every log line as text ("message key=value ..."), metadata sorted, and the levels used.
final class CapturedLog: Sendable {
    private let storage = Mutex<[(Logger.Level, String)]>([])

    var handler: Handler { Handler(log: self) }
    var text: String { storage.withLock { $0.map(\.1).joined(separator: "\n") } }
    var levels: Set<Logger.Level> { storage.withLock { Set($0.map(\.0)) } }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let line = ([event.message.description] + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
            log.storage.withLock { $0.append((event.level, line)) }
        }
    }
}
