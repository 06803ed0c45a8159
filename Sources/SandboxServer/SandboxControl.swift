import Foundation

/// Hooks for tests and demos into a running sandbox. Everything here acts at once and affects only
/// this sandbox.
///
/// ```swift
/// let sandbox = try await RunningSandbox.start(configuration: SandboxConfiguration(deliveryDelay: .zero))
/// await sandbox.control.inject(ScriptedFault(.serverError(status: 503), pathPrefix: "/invoices", count: 2))
/// try await sandbox.control.simulatePayment(invoiceID: id)
/// await sandbox.control.advanceClock(by: .seconds(181 * 60))   // past invoice expiry
/// ```
public struct SandboxControl: Sendable {
    let store: SandboxStore
    let faults: FaultInjector
    let clock: SandboxClock
    let webhooks: WebhookDispatcher

    /// Queues a scripted fault; scripted faults strike before random ones, oldest first.
    public func inject(_ fault: ScriptedFault) async {
        await faults.enqueue(fault)
    }

    /// Scripted faults that have not struck yet.
    public func pendingFaults() async -> [ScriptedFault] {
        await faults.pendingScriptedFaults
    }

    /// A crypto invoice's payment is detected now. Throws for unknown, balance or expired invoices.
    public func simulatePayment(invoiceID: String) async throws {
        do {
            _ = try await store.simulatePayment(id: invoiceID)
        } catch {
            throw SandboxControlError(message: error.message)
        }
    }

    /// An unpaid invoice expires now. Throws for unknown or paid invoices.
    public func expireInvoice(invoiceID: String) async throws {
        do {
            _ = try await store.expire(id: invoiceID)
        } catch {
            throw SandboxControlError(message: error.message)
        }
    }

    /// The account balance in its smallest unit, refunds that fell due included.
    public func balance() async -> Int64 {
        await store.balance()
    }

    /// Sets the balance, e.g. to provoke `balance_too_low`.
    public func setBalance(_ balance: Int64) async {
        await store.setBalance(balance)
    }

    /// Invoices created so far, failed creations not counted: "exactly one invoice on the server".
    public func invoiceCount() async -> Int {
        await store.invoiceCount
    }

    /// Moves the sandbox clock forward: delays, expiry and rate-limit windows all follow it.
    public func advanceClock(by duration: Duration) async {
        clock.advance(by: duration.seconds)
        await store.clockDidAdvance()
    }

    /// The sandbox's current time: the system clock (or the manual clock's start) plus every `advanceClock`.
    public func now() -> Date {
        clock.now()
    }

    /// Every webhook attempt so far, oldest first.
    public func webhookDeliveries() async -> [WebhookDelivery] {
        await webhooks.log
    }

    /// ICCIDs of the eSIMs every sandbox starts with: active, used up, expired, and one with two bundles.
    public static var seededESIMIDs: [String] { SeededESIMs.iccids }

    func shutdown() async {
        await store.shutdown()
    }
}

/// Why a `SandboxControl` call was refused, in the words the API would use.
public struct SandboxControlError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
