import Checkout
import CommandReports
import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTUI
import Synchronization

/// The purchase commands' shared path: place (or continue) a purchase, follow it, and print what happened.
/// Progress goes to stderr as it happens; the result goes to stdout (text, or one JSON document; `watch`
/// prints NDJSON events instead).
public struct CheckoutConsole: Sendable {
    public var json: Bool
    /// `--reveal`: codes in full, each order's reveal recorded first through `revealGate` (team mode's audit).
    public var reveal: Bool
    public let revealGate: RevealGate
    /// How long to follow before giving up (the purchase goes on; `invoice watch` resumes it).
    public var timeout: TimeInterval
    /// NDJSON: one event per update on stdout.
    public var streamEvents: Bool
    /// Off when the caller prints the result itself, inside a larger document (`esim topup --json`).
    public var printsResult = true
    /// Fired by a webhook: the follow looks at the invoice now instead of at its next scheduled check.
    public var checkNow: CheckNowSignal?
    /// An outcome the caller reports as an error object instead (a create refused as asked): not printed here.
    public var reportsAsError: @Sendable (Purchase) -> Bool = { _ in false }

    public init(json: Bool, reveal: Bool, revealGate: RevealGate, timeout: TimeInterval, streamEvents: Bool = false) {
        self.json = json
        self.reveal = reveal
        self.revealGate = revealGate
        self.timeout = timeout
        self.streamEvents = streamEvents
    }

    /// Places the request (continuing an unfinished identical one instead of buying twice) and follows it.
    public func buy(_ request: CheckoutRequest, engine: PurchaseEngine) async throws(CheckoutError) -> Purchase {
        let purchase = try await engine.place(request)
        return try await follow(purchase, engine: engine)
    }

    /// Follows a purchase already in the journal (by purchase or invoice id) to its end or the timeout.
    public func watch(_ id: String, engine: PurchaseEngine) async throws(CheckoutError) -> Purchase {
        try await follow(try await engine.purchase(id), engine: engine)
    }

    private func follow(_ start: Purchase, engine: PurchaseEngine) async throws(CheckoutError) -> Purchase {
        let printed = Mutex(0)
        let report: @Sendable (Purchase) async -> Void = { purchase in
            let from = printed.withLock { count -> Int in
                defer { count = purchase.timeline.count }
                return count
            }
            for entry in purchase.timeline.dropFirst(from) {
                note("\(entry.at.formatted(date: .omitted, time: .standard))  \(entry.text)")
            }
            if streamEvents { emit(PurchaseReport(purchase, reveal: await revealing(purchase))) }
        }
        await report(start)
        guard start.followsAfterPlacement else { return await finish(start) }
        if start.awaitsCryptoPayment { showPaymentRequest(start) }
        let followed = try await engine.follow(start.id, until: engine.now().addingTimeInterval(timeout), checkNow: checkNow) { purchase, _ in await report(purchase) }
        if followed.awaitsBalancePayment {
            note("Invoice \(followed.invoiceId ?? "") waits for payment: `storefront invoice pay \(followed.invoiceId ?? followed.id)` pays it from the balance.")
        } else if followed.stage == .created {
            note("Still pending after \(Int(timeout)) s; it goes on without us. `storefront invoice watch \(followed.invoiceId ?? followed.id)` follows it again.")
        }
        return await finish(followed)
    }

    fileprivate func finish(_ purchase: Purchase) async -> Purchase {
        if let problem = purchase.problem { note(problem) }
        if !streamEvents, printsResult, !reportsAsError(purchase) {
            let report = PurchaseReport(purchase, reveal: await revealing(purchase))
            if json { emit(report, pretty: true) } else { Swift.print(report.text) }
        }
        return purchase
    }

    /// Whether this purchase's codes are printed in full: `--reveal` was given and, in team mode, the reveal of each
    /// order with a code is recorded in the audit first (if it cannot be, they are printed masked and we say why).
    public func revealing(_ purchase: Purchase) async -> Bool {
        guard reveal else { return false }
        guard let refusal = await revealGate.refusal(recording: Reveal.secrets(of: purchase, way: .commandLine)) else { return true }
        note(refusal)
        return false
    }

    /// Address, exact amount and a QR of the payment URI, for a crypto invoice someone must pay.
    private func showPaymentRequest(_ purchase: Purchase) {
        guard let address = purchase.payment?.address else { return }
        let uri = PaymentURI.make(method: purchase.paymentMethod, address: address, amount: purchase.payment?.amount)
        note("Pay \(purchase.payment?.amount?.formatted ?? "the amount due") to \(address)")
        if let expires = purchase.expiresAt { note("The invoice expires at \(expires.formatted(date: .omitted, time: .standard)).") }
        if !json, let matrix = try? QREncoder.encode(QRPayload.scannable(uri)) {
            // Black on white on a terminal: phones do not read inverted codes.
            let tty = isatty(STDERR_FILENO) == 1
            note(QRTextRenderer.lines(matrix, mode: .half).map { tty ? "\u{1B}[30;47m\($0)\u{1B}[0m" : $0 }.joined(separator: "\n"))
        }
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func emit(_ report: PurchaseReport, pretty: Bool = false) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return }
        Swift.print(String(decoding: data, as: UTF8.self))
        fflush(nil)
    }
}

extension CheckoutConsole {
    /// Prints a purchase as it stands, without following it.
    public func print(_ purchase: Purchase) async {
        _ = await finish(purchase)
    }
}
