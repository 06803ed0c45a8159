import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import SandboxServer

/// A sandbox on a loopback port and raw HTTP against it, so tests see exactly the bytes and headers a
/// client would.
struct TestSandbox {
    enum Auth {
        case bearer(String)
        case basic(id: String, secret: String)
        case header(String)
        case none

        static let valid = Auth.bearer("sandbox-key")
    }

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object, or an empty one when it is not.
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var data: [String: Any] { object["data"] as? [String: Any] ?? [:] }
        var list: [[String: Any]] { object["data"] as? [[String: Any]] ?? [] }
        var meta: [String: Any] { object["meta"] as? [String: Any] ?? [:] }
        var errorCode: String? { object["error_code"] as? String }
    }

    let sandbox: RunningSandbox

    var control: SandboxControl { sandbox.control }

    /// Fast defaults: a small catalog, no rate limits, instant delivery, crypto paid only when simulated, and
    /// a manual clock, so only `advanceClock` moves time however slow the machine is.
    static func configuration(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(
            productCount: 400, rateLimits: .off, paymentDetectionDelay: .seconds(86_400), deliveryDelay: .zero,
            webhookRetryDelay: .milliseconds(20), time: .manual(startingAt: Date(timeIntervalSince1970: 1_800_000_000))
        )
        adjust(&configuration)
        return configuration
    }

    /// Runs `body` against a fresh sandbox and stops it afterwards, whatever happens.
    static func with(
        _ configuration: SandboxConfiguration = configuration(),
        persistence: (any SandboxPersistence)? = nil,
        _ body: (TestSandbox) async throws -> Void
    ) async throws {
        try await value(configuration, persistence: persistence, body)
    }

    /// `with`, returning what `body` returns.
    static func value<T>(
        _ configuration: SandboxConfiguration = configuration(),
        persistence: (any SandboxPersistence)? = nil,
        _ body: (TestSandbox) async throws -> T
    ) async throws -> T {
        let sandbox = try await RunningSandbox.start(configuration: configuration, persistence: persistence)
        do {
            let result = try await body(TestSandbox(sandbox: sandbox))
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    func get(_ path: String, auth: Auth = .valid, host: String? = nil) async throws -> Reply {
        try await send(.GET, path, body: nil, auth: auth, host: host)
    }

    func post(_ path: String, _ body: String, auth: Auth = .valid) async throws -> Reply {
        try await send(.POST, path, body: body, auth: auth, host: nil)
    }

    /// A full URL as the server gave it (e.g. `meta._next`).
    func get(url: String) async throws -> Reply {
        try await execute(HTTPClientRequest(url: url), auth: .valid)
    }

    /// Creates a balance invoice and returns its JSON.
    func createInvoice(_ body: String) async throws -> [String: Any] {
        let reply = try await post("/invoices", body)
        guard reply.status == 200 else { throw TestFailure("POST /invoices answered \(reply.status): \(reply.text)") }
        return reply.data
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, auth: Auth, host: String?) async throws -> Reply {
        var request = HTTPClientRequest(url: sandbox.baseURL + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(body.utf8))
        }
        if let host { request.headers.replaceOrAdd(name: "Host", value: host) }
        return try await execute(request, auth: auth)
    }

    private func execute(_ request: HTTPClientRequest, auth: Auth) async throws -> Reply {
        var request = request
        switch auth {
        case .bearer(let key): request.headers.add(name: "Authorization", value: "Bearer \(key)")
        case .basic(let id, let secret):
            request.headers.add(name: "Authorization", value: "Basic \(Data("\(id):\(secret)".utf8).base64EncodedString())")
        case .header(let value): request.headers.add(name: "Authorization", value: value)
        case .none: break
        }
        // Only a guard against hanging forever: a starved machine may take long to answer.
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(body.readableBytesView))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads nested JSON in tests: `json["payment", "status"]`.
extension Dictionary where Key == String, Value == Any {
    subscript(path: String...) -> Any? {
        var current: Any? = self
        for key in path {
            current = (current as? [String: Any])?[key]
        }
        return current
    }
}
