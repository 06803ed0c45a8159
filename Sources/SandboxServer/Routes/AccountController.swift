import Hummingbird

/// `GET /accounts/balance`: `{"balance": n, "currency": "BTC"}`, n in the currency's smallest unit.
struct AccountController {
    let services: SandboxServices
    let currency: String

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("accounts/balance") { request, _ in
            let balance = await services.store.balance()
            return Reply.success(.object(["balance": .int(balance), "currency": .string(currency)]), for: request)
        }
    }
}
