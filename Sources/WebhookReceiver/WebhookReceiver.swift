import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Listens for Bitrefill's invoice webhooks (`--webhook-listen HOST:PORT`). A webhook is only a hint: it
/// carries no signature, so all it does is make the follower look at the invoice now, with a `GET` that
/// confirms what really happened. Hummingbird serves it, as it serves the sandbox.
public final class WebhookReceiver: Sendable {
    public let port: Int
    private let serviceGroup: ServiceGroup
    private let serverTask: Task<Void, any Error>

    private init(port: Int, serviceGroup: ServiceGroup, serverTask: Task<Void, any Error>) {
        self.port = port
        self.serviceGroup = serviceGroup
        self.serverTask = serverTask
    }

    /// Starts listening; `onInvoice` gets the invoice id of every webhook that names one (any path, POST).
    public static func start(host: String, port: Int, onInvoice: @escaping @Sendable (String) -> Void) async throws -> WebhookReceiver {
        let logger = Logger(label: "storefront.webhooks", factory: { _ in SwiftLogNoOpLogHandler() })
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            if let id = invoiceID(in: Data(buffer: body)) { onInvoice(id) }
            return Response(status: .ok)
        }
        router.post("/", use: handler)
        router.post("/**", use: handler)
        let (boundPorts, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let application = Application(router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
                                      onServerRunning: { continuation.yield($0.localAddress?.port ?? port) }, logger: logger)
        let serviceGroup = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let serverTask = Task {
            do {
                try await serviceGroup.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        for try await boundPort in boundPorts {
            return WebhookReceiver(port: boundPort, serviceGroup: serviceGroup, serverTask: serverTask)
        }
        serverTask.cancel()
        throw WebhookReceiverError(message: "The webhook receiver could not listen on \(host):\(port).")
    }

    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await serverTask.result
    }

    /// The invoice id of a webhook body: the invoice itself (`id`), or wrapped in `data`. Only an id made
    /// of safe characters is taken: it goes into a request path.
    static func invoiceID(in body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let candidate = (object["data"] as? [String: Any]).flatMap { $0["id"] ?? $0["invoice_id"] } ?? object["id"] ?? object["invoice_id"]
        guard let id = candidate as? String, !id.isEmpty, id.count <= 100,
              id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return id
    }
}

public struct WebhookReceiverError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
