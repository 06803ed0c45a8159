/// Invoices and orders in either dialect.
///
/// observed: invoice `status` is the delivery roll-up (`not_delivered`, `partially_delivered`,
/// `all_delivered`) and `payment.status` carries payment (`unpaid`, `payment_detected`,
/// `payment_confirmed`, `expired`); orders go `created` → `pending` → `delivered` | `permanent_failure`.
///
/// docs: invoice `status` is `unpaid` → `payment_detected` → `payment_confirmed` → `pending` → `complete`,
/// or `denied` once an unpaid invoice expires; `payment` has no `status`; orders go `created` →
/// `payment_detected` (crypto) → `processing` → `delivered` | `failed` → `refunded`, with numeric values.
///
/// Orders inside an invoice are abridged (`id`, `status`, `product`); `redemption_info` is only on
/// `GET /orders` and `GET /orders/{id}`, as on the live API, so clients fetch the order once delivered.
struct InvoiceRenderer: Sendable {
    let dialect: SandboxDialect

    func render(_ invoice: InvoiceSnapshot) -> JSON {
        let record = invoice.record
        let orders = invoice.orders
        return .object([
            "id": .string(record.id),
            "created_time": .string(Timestamp.format(record.createdAt)),
            "status": .string(invoiceStatus(invoice, orders: orders)),
            "payment": payment(invoice),
            "orders": .array(orders.map { order in
                .object(["id": .string(order.order.id), "status": .string(orderStatus(order.phase)), "product": product(order.order)])
            }),
            "email": record.email.map(JSON.string),
            "refund_address": record.refundAddress.map(JSON.string),
            "webhook_url": record.webhookURL.map(JSON.string),
        ])
    }

    func render(_ snapshot: OrderSnapshot) -> JSON {
        let order = snapshot.order
        let phase = snapshot.phase
        let delivered = phase == .delivered
        let failed = phase == .failed || phase == .refunded
        let showsESIM = order.esim.map { $0.isTopUp || delivered } ?? false
        return .object([
            "id": .string(order.id),
            "invoice_id": .string(snapshot.invoiceID),
            "created_time": .string(Timestamp.format(snapshot.createdAt)),
            "status": .string(orderStatus(phase)),
            "product": product(order),
            "phone_number": order.phoneNumber.map(JSON.string),
            "esim_id": showsESIM ? order.esim.map { .string($0.iccid) } : nil,
            "redemption_info": delivered ? order.redemption.map(redemption) : nil,
            "error": failed ? "Provider temporarily unavailable" : nil,
            "refund": phase == .refunded ? .object(["amount": order.refundAmount, "currency": .string(order.refundCurrency)]) : nil,
        ])
    }

    private func payment(_ invoice: InvoiceSnapshot) -> JSON {
        let quote = invoice.record.quote
        let status: String? = switch dialect {
        case .observed: paymentStatus(invoice.timeline.invoicePhase(at: invoice.now))
        case .docs: nil
        }
        return .object([
            "method": .string(quote.method.rawValue),
            "address": quote.address.map(JSON.string),
            "currency": .string(quote.currency),
            "price": .rawNumber(quote.price),
            "status": status.map(JSON.string),
            "commission": dialect == .observed ? .int(0) : nil,
        ])
    }

    private func product(_ order: OrderRecord) -> JSON {
        let value: JSON = switch dialect {
        case .observed: .string(order.valueLabel)
        case .docs: order.esim == nil ? .double(order.amount) : .string(order.valueLabel)
        }
        return .object([
            "id": .string(order.product.id),
            "name": .string(order.product.name),
            "value": value,
            "currency": .string(order.product.currency),
        ])
    }

    private func redemption(_ info: RedemptionInfo) -> JSON {
        .object([
            "code": info.code.map(JSON.string),
            "link": info.link.map(JSON.string),
            "pin": info.pin.map(JSON.string),
            "instructions": info.instructions.map(JSON.string),
            "other": info.other.map(JSON.string),
            "barcode_format": info.barcodeFormat.map(JSON.string),
            "barcode_value": info.barcodeValue.map(JSON.string),
            "expiration_date": info.expirationDate.map(JSON.string),
            "extra_fields": info.extraFields.isEmpty ? nil : .object(info.extraFields.map { (key: $0.key, value: .string($0.value)) }),
        ])
    }

    private func invoiceStatus(_ invoice: InvoiceSnapshot, orders: [OrderSnapshot]) -> String {
        switch dialect {
        case .observed:
            let delivered = orders.filter { $0.phase == .delivered }.count
            return delivered == 0 ? "not_delivered" : delivered == orders.count ? "all_delivered" : "partially_delivered"
        case .docs:
            return switch invoice.timeline.invoicePhase(at: invoice.now) {
            case .unpaid: "unpaid"
            case .expired: "denied"
            case .paymentDetected: "payment_detected"
            case .paymentConfirmed: "payment_confirmed"
            case .processing: "pending"
            case .complete: "complete"
            }
        }
    }

    private func paymentStatus(_ phase: InvoicePhase) -> String {
        switch phase {
        case .unpaid: "unpaid"
        case .expired: "expired"
        case .paymentDetected: "payment_detected"
        case .paymentConfirmed, .processing, .complete: "payment_confirmed"
        }
    }

    private func orderStatus(_ phase: OrderPhase) -> String {
        switch (dialect, phase) {
        case (_, .created): "created"
        case (_, .delivered): "delivered"
        case (.observed, .paymentDetected), (.observed, .processing): "pending"
        case (.observed, .failed), (.observed, .refunded): "permanent_failure"
        case (.docs, .paymentDetected): "payment_detected"
        case (.docs, .processing): "processing"
        case (.docs, .failed): "failed"
        case (.docs, .refunded): "refunded"
        }
    }
}
