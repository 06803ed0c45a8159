import BitrefillAPI
import Checkout
import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTUI
import Synchronization

/// Performs the checkout effects and posts what came of them: creates invoices through the engine, follows
/// each on a task of its own, pays, simulates sandbox payments, reads the history, encodes QR codes.
///
/// A follow belongs to the purchase, not to the screen: leaving the purchase screen does not stop it, and it
/// ends when the purchase settles (or the app quits; the next start resumes it).
public final class CheckoutRunner: Sendable {
    private let engine: PurchaseEngine
    private let sandbox: SandboxControls?
    private let inbox: ActionInbox
    private let follows = Mutex<[String: Follow]>([:])
    /// Put on every invoice when webhooks are on (`--webhook-url`).
    private let webhookURL: String?
    /// Where `W` writes receipts; nil: receipts cannot be written here.
    private let receiptDirectory: DataDirectory?
    /// `r`, `Y` and `W` go through it: in team mode each reveal is recorded in the team's audit before anything shows.
    private let revealGate: RevealGate
    /// The idempotency key of each confirmed cart.
    private let makeKey: @Sendable () -> String
    /// Takes up purchases no storefront works any more (their host was killed), from the first resume at start
    /// until `finish`.
    private let abandonedCheck: AbandonedPurchaseCheck
    private let checking = Mutex<Task<Void, Never>?>(nil)

    private struct Follow: Sendable {
        let signal: CheckNowSignal
        let task: Task<Void, Never>
    }

    public init(engine: PurchaseEngine, sandbox: SandboxControls?, inbox: ActionInbox, webhookURL: String? = nil,
                receiptDirectory: DataDirectory? = nil, revealGate: RevealGate, abandonedCheck: AbandonedPurchaseCheck,
                makeKey: @escaping @Sendable () -> String = { "tui-" + UUID().uuidString.lowercased() }) {
        self.engine = engine
        self.revealGate = revealGate
        self.abandonedCheck = abandonedCheck
        self.makeKey = makeKey
        self.receiptDirectory = receiptDirectory
        self.webhookURL = webhookURL
        self.sandbox = sandbox
        self.inbox = inbox
    }

    public func perform(_ effect: CheckoutEffect) {
        switch effect {
        case .place(let plan):
            Task { await place(plan) }
        case .follow(let id):
            follow(id)
        case .checkNow(let id):
            if let signal = follows.withLock({ $0[id]?.signal }) { signal.fire() } else { follow(id) }
        case .pay(let id):
            Task { await pay(id) }
        case .simulatePayment(let id, let invoiceId):
            Task { await simulatePayment(id, invoiceId: invoiceId) }
        case .writeReceipt(let id):
            Task.detached { [engine, inbox, receiptDirectory, revealGate] in
                guard let receiptDirectory else {
                    inbox.post(.checkout(.requestFailed("No data directory to write the receipt to: `storefront invoice show ID --receipt-file PATH` writes one.")))
                    return
                }
                do {
                    let purchase = try await engine.purchase(id)
                    if let refusal = await revealGate.refusal(recording: Reveal.secrets(of: purchase, way: .receipt)) {
                        inbox.post(.checkout(.revealRefused(refusal + " No receipt was written.")))
                        return
                    }
                    let url = try ReceiptFile.write(purchase, in: receiptDirectory)
                    inbox.post(.checkout(.receiptWritten(path: url.path)))
                } catch {
                    inbox.post(.checkout(.requestFailed("The receipt was not written: \(error)")))
                }
            }
        case .recordReveals(let reveals, let then):
            Task.detached { [engine, inbox, revealGate] in
                var named: [Reveal] = []
                for var reveal in reveals {
                    // An invoice opened from the account may be one of the journal's purchases: the event names it then.
                    if reveal.purchaseId == nil, let invoiceId = reveal.invoiceId {
                        reveal.purchaseId = try? await engine.journal.newestPurchase(invoiceId: invoiceId)?.id
                    }
                    named.append(reveal)
                }
                if let refusal = await revealGate.refusal(recording: named) {
                    inbox.post(.checkout(.revealRefused(refusal)))
                } else {
                    inbox.post(.checkout(.revealRecorded(then)))
                }
            }
        case .resumeUnfinished:
            Task.detached { [engine, inbox] in
                do throws(CheckoutError) {
                    inbox.post(.checkout(.resumed(try await engine.unfinished())))
                } catch {
                    inbox.post(.checkout(.requestFailed("Unfinished purchases could not be resumed: \(error.message)")))
                }
            }
            startCheckingForAbandoned()
        case .loadHistory(let filter, let agent):
            Task.detached { [engine, inbox] in
                do throws(UserDatabaseError) {
                    let entries = try await engine.journal.purchases(matching: PurchaseFilter(search: filter, agent: agent), limit: 500)
                    inbox.post(.checkout(.historyLoaded(entries, filter: filter, agent: agent)))
                } catch {
                    inbox.post(.checkout(.historyFailed(error.description)))
                }
            }
        case .encodeQR(let payload):
            Task.detached { [inbox] in
                do throws(QREncodingError) {
                    inbox.post(.checkout(.qrEncoded(payload: payload, try QREncoder.encode(QRPayload.scannable(payload)))))
                } catch {
                    inbox.post(.checkout(.qrFailed(payload: payload, message: error.message)))
                }
            }
        }
    }

    /// Stops every follow (the journal keeps where each stood; the next start resumes them).
    public func finish() async {
        let running = follows.withLock { $0.values.map(\.task) } + [checking.withLock { $0 }].compactMap { $0 }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    /// Starts the background check once: each purchase it finds is followed like one resumed at start.
    private func startCheckingForAbandoned() {
        checking.withLock { checking in
            guard checking == nil else { return }
            let (check, inbox) = (abandonedCheck, inbox)
            checking = Task { await Self.checkForAbandoned(check, inbox: inbox) }
        }
    }

    @inline(never)
    private static func checkForAbandoned(_ check: AbandonedPurchaseCheck, inbox: ActionInbox) async {
        await check.run({ purchases in inbox.post(.checkout(.takenUp(purchases))) },
                        waitingForABuyer: { purchases in inbox.post(.checkout(.waitingForABuyer(purchases))) })
    }

    private func place(_ plan: PurchasePlan) async {
        let request = CheckoutRequest.make(lines: plan.lines, paymentMethod: plan.paymentMethod, autoPay: plan.autoPay,
                                           refundAddress: plan.refundAddress, email: plan.email, webhookURL: webhookURL,
                                           keyPolicy: .generated(makeKey()), again: plan.again, cartLineIDs: plan.lines.map(\.id),
                                           ticket: plan.ticket)
        do {
            inbox.post(.checkout(.placed(try await engine.place(request, continuingUnfinished: false))))
        } catch {
            if let refusal = error.refusal {
                let question = if case .ticketInFlight = refusal { " Buy anyway?" } else { " Buy it again?" }
                inbox.post(.checkout(.placeRefusedAsRepeat(refusal.summary + question, plan)))
            } else {
                inbox.post(.checkout(.placeFailed(error.message)))
            }
        }
    }

    /// A webhook named an invoice: look at it now. The webhook itself proves nothing; the `GET` does.
    public func webhookArrived(invoiceId: String) {
        Task {
            // A webhook comes from the API this storefront talks to: its invoice is one of this API's purchases. A failed
            // lookup costs nothing: the follow's own schedule looks at the invoice anyway.
            guard let purchase = try? await engine.journal.purchase(invoiceId: invoiceId, source: engine.source) else { return }
            perform(.checkNow(purchaseId: purchase.id))
        }
    }

    /// Starts following unless a follow of the purchase is already running.
    private func follow(_ id: String) {
        let signal = CheckNowSignal()
        follows.withLock { follows in
            guard follows[id] == nil else { return }
            // Stored before the lock is released, so the task's own removal at its end always finds it.
            follows[id] = Follow(signal: signal, task: Task { await self.runFollow(id, signal: signal) })
        }
    }

    private func runFollow(_ id: String, signal: CheckNowSignal) async {
        do {
            let final = try await engine.follow(id, checkNow: signal) { [inbox] purchase, progress in
                let status = FollowStatus(nextCheck: progress.nextCheck, requestsLeft: progress.budget?.remaining,
                                          requestLimit: progress.budget?.limit)
                inbox.post(.checkout(.updated(purchase, follow: status)))
            }
            inbox.post(.checkout(.updated(final, follow: nil)))
        } catch {
            inbox.post(.checkout(.followFailed(purchaseId: id, message: error.message)))
        }
        follows.withLock { $0[id] = nil }
    }

    /// Pays a balance invoice, then follows it to delivery.
    private func pay(_ id: String) async {
        do {
            inbox.post(.checkout(.updated(try await engine.pay(id), follow: nil)))
            follow(id)
        } catch {
            inbox.post(.checkout(.requestFailed("The invoice could not be paid: \(error.message)")))
        }
    }

    private func simulatePayment(_ id: String, invoiceId: String) async {
        guard let sandbox else {
            inbox.post(.checkout(.requestFailed("Payments can be simulated in the sandbox only.")))
            return
        }
        do {
            try await sandbox.simulatePayment(invoiceId: invoiceId)
            inbox.post(.checkout(.paymentSimulated(purchaseId: id)))
            perform(.checkNow(purchaseId: id))
        } catch {
            inbox.post(.checkout(.requestFailed("The sandbox did not take the payment: \((error as? APIError)?.message ?? "\(error)")")))
        }
    }
}
