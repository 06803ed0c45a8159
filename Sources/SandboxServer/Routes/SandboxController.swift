import Hummingbird

/// Sandbox-only endpoints; the real API has nothing under `/v2/sandbox`. They need the same
/// authorization as the rest but are never rate limited nor hit by random faults.
///
/// - `POST /sandbox/invoices/{id}/simulate-payment`: a crypto invoice's payment is seen now (instead of
///   after `paymentDetectionDelay`). Answers the invoice; a paid invoice is answered unchanged.
/// - `POST /sandbox/invoices/{id}/expire`: an unpaid invoice expires now. Answers the invoice.
struct SandboxController {
    let services: SandboxServices

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("sandbox/invoices/{id}/simulate-payment") { request, context in
            let invoice = try await services.store.simulatePayment(id: context.parameters.get("id") ?? "")
            return Reply.success(services.invoices.render(invoice), for: request)
        }
        group.post("sandbox/invoices/{id}/expire") { request, context in
            let invoice = try await services.store.expire(id: context.parameters.get("id") ?? "")
            return Reply.success(services.invoices.render(invoice), for: request)
        }
    }
}
