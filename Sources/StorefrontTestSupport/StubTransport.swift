import BitrefillAPI
import Foundation
import Synchronization

/// A transport that answers from a script and records what was sent, for testing the client's rules
/// (retries, rate limits, decoding) without a server.
public actor StubTransport {
    public typealias Responder = @Sendable (HTTPRequestData) throws -> HTTPResponseData

    private var script: [Responder]
    private let fallback: Responder?
    public private(set) var requests: [HTTPRequestData] = []

    /// Answers the n-th request with `script[n]`; past the script, with `fallback` (or a test failure error).
    public init(_ script: [Responder] = [], fallback: Responder? = nil) {
        self.script = script
        self.fallback = fallback
    }

    public nonisolated var transport: HTTPTransport {
        HTTPTransport { request in try await self.handle(request) }
    }

    private func handle(_ request: HTTPRequestData) throws -> HTTPResponseData {
        requests.append(request)
        if !script.isEmpty { return try script.removeFirst()(request) }
        if let fallback { return try fallback(request) }
        throw TransportError(kind: .other, detail: "the stub has no answer for request \(requests.count)", requestMayHaveBeenSent: false)
    }

    public var requestCount: Int { requests.count }
}

/// Responses for scripts.
public enum Stub {
    public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> StubTransport.Responder {
        { _ in HTTPResponseData(status: status, headers: headers.merging(["content-type": "application/json"]) { a, _ in a }, body: Data(text.utf8)) }
    }

    /// A success envelope around `data` (raw JSON), with an optional `_next`.
    public static func data(_ data: String, next: String? = nil, headers: [String: String] = [:]) -> StubTransport.Responder {
        let meta = next.map { #"{"_endpoint":"/test","_next":"\#($0)"}"# } ?? #"{"_endpoint":"/test"}"#
        return json(#"{"meta":\#(meta),"data":\#(data)}"#, headers: headers)
    }

    public static func failure(_ kind: TransportError.Kind, sent: Bool = true) -> StubTransport.Responder {
        { _ in throw TransportError(kind: kind, detail: "stubbed \(kind)", requestMayHaveBeenSent: sent) }
    }
}

/// Records the sleeps the client asks for instead of sleeping, and reports a fixed time.
public final class RecordingClock: Sendable {
    private let state = Mutex(State())
    public let start: Date

    struct State {
        var slept: [Duration] = []
        var offset: TimeInterval = 0
    }

    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.start = start
    }

    public var sleeps: [Duration] { state.withLock { $0.slept } }

    public var now: Date { state.withLock { start.addingTimeInterval($0.offset) } }

    /// Sleeping advances the clock, so a wait "until the reset" lands on the reset.
    public func sleep(_ duration: Duration) {
        state.withLock {
            $0.slept.append(duration)
            $0.offset += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}

/// A client on a stub transport, with instant sleeps and deterministic jitter.
public func stubbedClient(_ stub: StubTransport, clock: RecordingClock = RecordingClock(),
                          credentials: Credentials = .bearer(apiKey: "test-key-123"),
                          baseURL: URL = URL(string: "https://api.example.test/v2")!,
                          events: EventLog? = nil) -> BitrefillClient {
    let configuration = ClientConfiguration(
        baseURL: baseURL, credentials: credentials,
        sleep: { clock.sleep($0) }, now: { clock.now }, random: { 0.5 },
        onEvent: { event in events?.append(event) })
    return BitrefillClient(configuration: configuration, transport: stub.transport)
}

/// Collects client events for assertions.
public final class EventLog: Sendable {
    private let storage = Mutex<[ClientEvent]>([])
    public init() {}
    public func append(_ event: ClientEvent) { storage.withLock { $0.append(event) } }
    public var events: [ClientEvent] { storage.withLock { $0 } }
}
