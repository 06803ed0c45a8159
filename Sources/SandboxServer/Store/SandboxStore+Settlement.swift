import Foundation

/// Settlement: the side effects that fall due as time passes, applied whenever the store is touched,
/// and the self-wake that makes webhooks go out without a request to trigger them.
extension SandboxStore {
    /// Applies every side effect that has fallen due, oldest first, and closes invoices with nothing left to do.
    func advance() {
        let now = now()
        var due: [(time: Date, invoiceIndex: Int, orderIndex: Int, invoiceID: String)] = []
        for (invoiceIndex, id) in openInvoiceIDs.enumerated() {
            guard let record = invoices[id] else { continue }
            let timeline = InvoiceTimeline(record, timing: timing)
            for (orderIndex, order) in record.orders.enumerated() where !order.settled {
                if let time = timeline.settlementTime(of: order), time <= now {
                    due.append((time, invoiceIndex, orderIndex, id))
                }
            }
        }
        due.sort { ($0.time, $0.invoiceIndex, $0.orderIndex) < ($1.time, $1.invoiceIndex, $1.orderIndex) }
        for effect in due {
            settle(orderAt: effect.orderIndex, of: effect.invoiceID, at: effect.time)
        }
        openInvoiceIDs.removeAll { id in
            guard var record = invoices[id] else { return true }
            let timeline = InvoiceTimeline(record, timing: timing)
            let expired = timeline.isExpired(at: now)
            let finished = expired || (timeline.isPaid(at: now) && timeline.settledAt <= now)
            guard finished else { return false }
            if let url = record.webhookURL, !record.webhookSent {
                record.webhookSent = true
                invoices[id] = record
                persistInvoice(id)
                let body = renderWebhookBody(InvoiceSnapshot(record: record, timeline: timeline, now: now))
                let webhooks = webhooks
                Task { await webhooks.send(invoiceID: id, url: url, body: body) }
            }
            return expired || record.orders.allSatisfy(\.settled)
        }
    }

    private func settle(orderAt index: Int, of invoiceID: String, at time: Date) {
        guard var record = invoices[invoiceID] else { return }
        var order = record.orders[index]
        order.settled = true
        record.orders[index] = order
        invoices[invoiceID] = record
        persistInvoice(invoiceID)
        if order.fails {
            if record.quote.method == .balance {
                accountBalance += order.accountPrice
                persistBalance()
            }
            return
        }
        guard let provision = order.esim else { return }
        if provision.isTopUp, var esim = esims[provision.iccid] {
            let hasActive = esim.bundles.contains { $0.status == "active" }
            esim.bundles.append(ESIMRecord.Bundle(
                name: provision.bundleLabel, dataMB: provision.dataMB, status: hasActive ? "queued" : "active",
                remainingBytes: Int64(provision.dataMB) * 1_000_000
            ))
            esims[provision.iccid] = esim
            persistESIM(provision.iccid)
        } else if !provision.isTopUp {
            reservedICCIDs.remove(provision.iccid)
            esims[provision.iccid] = ESIMRecord(
                iccid: provision.iccid, productID: order.product.id, createdAt: time, smdpAddress: Minting.smdpAddress,
                activationCode: provision.activationCode, pin: provision.pin, installed: false,
                bundles: [ESIMRecord.Bundle(name: provision.bundleLabel, dataMB: provision.dataMB, status: "active",
                                            remainingBytes: Int64(provision.dataMB) * 1_000_000)]
            )
            esimIDs.append(provision.iccid)
            persistESIM(provision.iccid)
        }
    }

    /// Sleeps on the sandbox clock until the next invoice with a pending webhook settles, so webhooks go out
    /// without a request to trigger them. Long waits are cut to an hour and re-planned.
    func scheduleWake() {
        guard !isShutDown else { return }
        let now = now()
        let next = openInvoiceIDs.compactMap { id -> Date? in
            guard let record = invoices[id], record.webhookURL != nil, !record.webhookSent else { return nil }
            return InvoiceTimeline(record, timing: timing).settledAt
        }.min()
        guard let next else {
            wakeTask?.cancel()
            wakeTask = nil
            wakeAt = nil
            return
        }
        if let wakeAt, wakeAt <= next, wakeTask != nil { return }
        wakeTask?.cancel()
        wakeAt = next
        let deadline = min(next, now.addingTimeInterval(3600))
        let clock = clock
        wakeTask = Task { [weak self] in
            await clock.sleep(until: deadline)
            guard !Task.isCancelled else { return }
            await self?.wake()
        }
    }

    private func wake() {
        wakeTask = nil
        wakeAt = nil
        advance()
        scheduleWake()
    }
}
