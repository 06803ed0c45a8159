import BitrefillAPI
import Foundation
import Synchronization

/// Sends `POST /invoices` to the server and never hands the answer back: from the client's side, the program
/// died the instant after the create left (the server made the invoice; nothing after the send ran).
final class AnswerWithheld: Sendable {
    private let withheld = Mutex(0)

    /// How many creates the server answered that the client never saw.
    var withheldCount: Int { withheld.withLock { $0 } }

    func transport(_ inner: HTTPTransport = .asyncHTTPClient()) -> HTTPTransport {
        HTTPTransport { request in
            let response = try await inner.send(request)
            guard request.method == "POST", request.url.path.hasSuffix("/invoices") else { return response }
            self.withheld.withLock { $0 += 1 }
            await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
            return response
        }
    }
}
