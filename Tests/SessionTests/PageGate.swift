import BitrefillAPI
import Foundation
import Synchronization

/// Holds every catalog page after the first until the test opens it, so a test can act in the middle of the
/// first fill (with the first page listed) whatever the machine's speed.
final class PageGate: Sendable {
    private struct State {
        var open = false
        var pages = 0
        var held: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// `inner` with every `GET /products` after the first held until `open()`.
    func transport(_ inner: HTTPTransport = .asyncHTTPClient()) -> HTTPTransport {
        HTTPTransport { request in
            if request.method == "GET", request.url.path.hasSuffix("/products"), self.countPage() > 1 { await self.pass() }
            return try await inner.send(request)
        }
    }

    private func countPage() -> Int {
        state.withLock { state in
            state.pages += 1
            return state.pages
        }
    }

    /// How many requests wait at the gate now.
    var heldCount: Int { state.withLock { $0.held.count } }

    /// Lets every held request through, and every later one.
    func open() {
        let held = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.held.removeAll() }
            return state.held
        }
        for continuation in held { continuation.resume() }
    }

    private func pass() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state -> Bool in
                if !state.open { state.held.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }
}
