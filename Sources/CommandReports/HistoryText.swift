import Foundation
import StorefrontDomain

/// `storefront history` as text: one line per purchase. In team mode an Agent column says who bought each, the
/// width of the longest name (at most `agentWidth`).
public enum HistoryText {
    public static let agentWidth = 32

    public static func lines(_ purchases: [Purchase], showingAgents: Bool) -> [String] {
        let width = min(agentWidth, purchases.map { DisplayWidth.of(agent($0)) }.max() ?? 0)
        return purchases.map { purchase in
            let state = purchase.outcome?.rawValue ?? purchase.stage.rawValue
            var line = "\(purchase.createdAt.formatted(.iso8601))  \(state.padding(toLength: 13, withPad: " ", startingAt: 0))  "
            if showingAgents { line += DisplayWidth.fit(agent(purchase), to: width) + "  " }
            line += "\(purchase.invoiceId ?? purchase.id)  \(purchase.title)"
            if let ticket = purchase.ticket { line += "  ticket \(Sanitizer.clean(ticket))" }
            if let buyerKey = purchase.buyerKey { line += "  (bought by key \(buyerKey))" }
            return line
        }
    }

    private static func agent(_ purchase: Purchase) -> String {
        purchase.agent.map { Sanitizer.clean($0) } ?? "-"
    }
}
