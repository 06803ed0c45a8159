import Foundation
import StorefrontDomain

/// One purchase as `storefront team feed` shows it after a change.
public struct TeamFeedRow: Sendable, Equatable {
    public enum Event: String, Sendable {
        /// Shown at start: in flight, or among the most recently changed.
        case current
        /// Changed while the feed was running (or while it was reconnecting).
        case changed
    }

    public var event: Event
    public var time: Date
    public var agent: String
    public var products: String
    public var stage: String
    public var invoice: String?
    public var purchaseId: String
    public var seq: Int64

    public init(event: Event, time: Date, agent: String, products: String, stage: String, invoice: String?, purchaseId: String, seq: Int64) {
        self.event = event
        self.time = time
        self.agent = agent
        self.products = products
        self.stage = stage
        self.invoice = invoice
        self.purchaseId = purchaseId
        self.seq = seq
    }
}

/// The feed's lines, like `kubectl get -w`: a header, then one line per purchase change; or one JSON object per line
/// for scripts. Every string came from the team database (any agent's host, or anyone who can write to it), so each
/// is sanitised here, in JSON too: JSON escapes C0 controls but passes C1 controls and bidi overrides through.
public enum TeamFeedText {
    public static let header = columns("TIME", "AGENT", "PRODUCT", "STAGE", "INVOICE")

    public static func line(_ row: TeamFeedRow) -> String {
        columns(row.time.formatted(.iso8601), Sanitizer.clean(row.agent), Sanitizer.clean(row.products), Sanitizer.clean(row.stage),
                row.invoice.map { Sanitizer.clean($0) } ?? "-")
    }

    public static func json(_ row: TeamFeedRow) -> String {
        var object: [String: Any] = [
            "event": row.event.rawValue, "time": row.time.formatted(.iso8601), "agent": Sanitizer.clean(row.agent),
            "products": Sanitizer.clean(row.products), "stage": Sanitizer.clean(row.stage), "purchase": Sanitizer.clean(row.purchaseId),
            "seq": row.seq,
        ]
        object["invoice"] = row.invoice.map { Sanitizer.clean($0) } ?? NSNull()
        return encode(object)
    }

    /// The feed's connection was lost; it is reconnecting. `reason` is the database's or the network's words.
    public static func lost(_ reason: String) -> String {
        "The team database connection was lost (\(Sanitizer.clean(reason))); reconnecting. Nothing is missed: changes made meanwhile follow."
    }

    public static let resumed = "Reconnected to the team database: changes made meanwhile follow."

    public static func jsonLost(_ reason: String) -> String {
        encode(["event": "lost", "reason": Sanitizer.clean(reason)])
    }

    public static let jsonResumed = #"{"event":"resumed"}"#

    private static func columns(_ time: String, _ agent: String, _ products: String, _ stage: String, _ invoice: String) -> String {
        [time.padded(to: 20), agent.padded(to: 20), products.padded(to: 32), stage.padded(to: 12), invoice].joined(separator: "  ")
    }

    private static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

private extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
