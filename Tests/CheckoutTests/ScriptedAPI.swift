import BitrefillAPI
import Foundation
import StorefrontTestSupport
import Synchronization

/// A stub API for engine tests: answers by method and path, and counts how often each was asked, so an answer can
/// change from one request to the next ("HTML twice, then the invoice").
final class ScriptedAPI: Sendable {
    typealias Answer = @Sendable (_ request: HTTPRequestData, _ count: Int) -> HTTPResponseData

    private let routes: [String: Answer]
    private let counts = Mutex<[String: Int]>([:])

    /// `routes` keys are "METHOD /path" as sent, without the base URL's "/v2" and without the query.
    init(_ routes: [String: Answer]) {
        self.routes = routes
    }

    var transport: HTTPTransport {
        HTTPTransport { request in
            let path = request.url.path.replacingOccurrences(of: "/v2", with: "", options: .anchored)
            let key = "\(request.method) \(path)"
            let count = self.counts.withLock { counts -> Int in
                counts[key, default: 0] += 1
                return counts[key, default: 0]
            }
            guard let answer = self.routes[key] else {
                throw TransportError(kind: .other, detail: "no route for \(key)", requestMayHaveBeenSent: false)
            }
            return answer(request, count)
        }
    }

    func count(_ key: String) -> Int { counts.withLock { $0[key, default: 0] } }

    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponseData {
        HTTPResponseData(status: status, headers: headers.merging(["content-type": "application/json"]) { a, _ in a }, body: Data(text.utf8))
    }

    static func data(_ data: String, headers: [String: String] = [:]) -> HTTPResponseData {
        json(#"{"meta":{"_endpoint":"/test"},"data":\#(data)}"#, headers: headers)
    }
}
