import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which the fault middleware
/// closes to simulate a dropped connection.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
