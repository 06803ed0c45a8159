import BitrefillAPI
import Checkout
import Foundation

extension Connection {
    /// The API a journal entry belongs to. An embedded sandbox kept in the data directory is named by its
    /// account's lasting id (its port changes every run), so its purchases resume after a restart; one that
    /// keeps nothing is named by this run alone: its purchases stay in the history but are not followed again.
    public var purchaseSource: String {
        switch mode {
        case .live: "\(client.configuration.baseURL.absoluteString)#\(client.configuration.credentials.fingerprint)"
        case .sandbox:
            if let account = sandbox?.accountID { "sandbox:embedded#\(account)" } else { "sandbox:\(client.configuration.host)#\(sessionID)" }
        }
    }

    /// The checkout engine on this connection, writing to `journal` (the data directory's, or the team's).
    public func purchaseEngine(journal: any PurchaseJournal, budget: RequestBudget = RequestBudget()) -> PurchaseEngine {
        PurchaseEngine(client: client, journal: journal, source: purchaseSource, budget: budget, buyerKey: buyerKey, agent: agent,
                       logger: logger)
    }

    /// The embedded sandbox's own controls (simulate a payment), or nil on the real API.
    public var sandboxControls: SandboxControls? {
        mode == .sandbox ? SandboxControls(client: client) : nil
    }
}

/// The sandbox-only calls a demo needs, over HTTP like everything else.
public struct SandboxControls: Sendable {
    let client: BitrefillClient

    /// Pays a crypto invoice as if the customer had sent the coins.
    public func simulatePayment(invoiceId: String) async throws {
        _ = try await client.send(Endpoint<Invoice>(method: .post, path: "/sandbox/invoices/\(Endpoint<Invoice>.component(invoiceId))/simulate-payment",
                                                    body: Data("{}".utf8), name: "POST /sandbox/invoices/{id}/simulate-payment"))
    }
}
