import Foundation
import NIOConcurrencyHelpers

/// Keeps a sandbox's account in memory for as long as this object lives: hand the same instance to two
/// sandboxes started one after the other to restart a sandbox inside a test.
public final class InMemorySandboxPersistence: SandboxPersistence {
    private let state: NIOLockedValueBox<SandboxSavedState>

    public init(accountID: String = "in-memory") {
        state = NIOLockedValueBox(SandboxSavedState(run: 0, accountID: accountID))
    }

    public func beginRun() throws -> SandboxSavedState {
        state.withLockedValue { state in
            state.run += 1
            return state
        }
    }

    public func saveBalance(_ balance: Int64) throws {
        state.withLockedValue { $0.balance = balance }
    }

    public func saveInvoice(_ invoice: SavedInvoice) throws {
        state.withLockedValue { state in
            if let index = state.invoices.firstIndex(where: { $0.id == invoice.id }) {
                state.invoices[index] = invoice
            } else {
                state.invoices.append(invoice)
            }
        }
    }

    public func saveESIM(_ esim: SavedESIM) throws {
        state.withLockedValue { state in
            if let index = state.esims.firstIndex(where: { $0.iccid == esim.iccid }) {
                state.esims[index] = esim
            } else {
                state.esims.append(esim)
            }
        }
    }

    /// What is saved now, for tests.
    public var saved: SandboxSavedState {
        state.withLockedValue { $0 }
    }
}
