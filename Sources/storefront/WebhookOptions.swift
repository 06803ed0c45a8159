import ArgumentParser
import Checkout
import StorefrontApp
import WebhookReceiver

/// `--webhook-listen` and `--webhook-url`, for the commands that follow invoices.
struct WebhookOptions: ParsableArguments {
    @Option(name: .customLong("webhook-listen"), help: ArgumentHelp("Listen for invoice webhooks on HOST:PORT; a webhook makes the follower check at once (it never replaces the check).", valueName: "host:port"))
    var listen: String?
    @Option(name: .customLong("webhook-url"), help: ArgumentHelp("The public URL Bitrefill calls, reaching --webhook-listen.", valueName: "url"))
    var url: String?

    func settings() throws -> WebhookSettings? {
        do {
            return try WebhookSettings.resolve(listen: listen, url: url)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func validate() throws {
        _ = try settings()
    }

    /// Listens while `body` runs, firing `signal` for every webhook.
    func listening<T>(_ signal: CheckNowSignal, _ body: () async throws -> T) async throws -> T {
        guard let settings = try settings() else { return try await body() }
        let receiver = try await settings.start { _ in signal.fire() }
        do {
            let result = try await body()
            await receiver.stop()
            return result
        } catch {
            await receiver.stop()
            throw error
        }
    }
}
