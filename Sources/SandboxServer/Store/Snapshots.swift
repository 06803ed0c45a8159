import Foundation

/// An invoice as it stands at `now`, handed out of the store for rendering.
struct InvoiceSnapshot: Sendable {
    let record: InvoiceRecord
    let timeline: InvoiceTimeline
    let now: Date

    var orders: [OrderSnapshot] {
        record.orders.map { OrderSnapshot(order: $0, invoiceID: record.id, createdAt: record.createdAt, timeline: timeline, now: now) }
    }
}

/// One order as it stands at `now`.
struct OrderSnapshot: Sendable {
    let order: OrderRecord
    let invoiceID: String
    let createdAt: Date
    let timeline: InvoiceTimeline
    let now: Date

    var phase: OrderPhase { timeline.orderPhase(order, at: now) }
}
