import Dispatch
import Foundation

/// Ctrl-C and SIGTERM as a request to stop cleanly (a service manager sends SIGTERM), delivered as a value
/// instead of ending the process where it stands.
struct StopSignals {
    private let stream: AsyncStream<String>
    private let sources: [DispatchSourceSignal]

    static func install() -> StopSignals {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let sources = [(SIGINT, "interrupted"), (SIGTERM, "SIGTERM")].map { signal, name in
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
        return StopSignals(stream: stream, sources: sources)
    }

    /// The first stop asked for.
    func next() async -> String {
        for await reason in stream { return reason }
        return "stopped"
    }
}
