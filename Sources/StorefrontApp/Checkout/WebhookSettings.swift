import Foundation
import WebhookReceiver

/// `--webhook-listen HOST:PORT --webhook-url URL`: where to listen, and the public URL Bitrefill is told to
/// call (it reaches the listener through whatever tunnel or proxy the user has set up).
public struct WebhookSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var url: String

    public init(host: String, port: Int, url: String) {
        self.host = host
        self.port = port
        self.url = url
    }

    /// nil when neither option is given; both or neither, and each well formed.
    public static func resolve(listen: String?, url: String?) throws(ConfigurationError) -> WebhookSettings? {
        switch (listen, url) {
        case (nil, nil):
            return nil
        case (nil, _), (_, nil):
            throw ConfigurationError("Give both --webhook-listen HOST:PORT (where to listen) and --webhook-url URL (what Bitrefill calls), or neither.")
        case (let listen?, let url?):
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (1...65535).contains(port) else {
                throw ConfigurationError("--webhook-listen takes HOST:PORT, e.g. 127.0.0.1:8088; got \"\(listen)\".")
            }
            let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw ConfigurationError("--webhook-url must be an http(s) URL that reaches the listener; got \"\(url)\".")
            }
            return WebhookSettings(host: host.isEmpty ? "127.0.0.1" : host, port: port, url: url)
        }
    }

    /// Starts the listener; each webhook naming an invoice calls `onInvoice`.
    public func start(onInvoice: @escaping @Sendable (String) -> Void) async throws(ConfigurationError) -> WebhookReceiver {
        do {
            return try await WebhookReceiver.start(host: host, port: port, onInvoice: onInvoice)
        } catch {
            throw ConfigurationError("Cannot listen for webhooks on \(host):\(port): \(error).")
        }
    }
}
