import Foundation

/// Where a sandbox keeps its account between runs: the balance, invoices with their orders, and eSIMs.
///
/// The store hands over opaque documents (their shape is the sandbox's business) keyed by id, so an
/// implementation only files rows: `SandboxFile` keeps them in SQLite in the data directory for the
/// embedded sandbox; `InMemorySandboxPersistence` keeps them for as long as the object lives (tests, and a
/// restart inside one process). Without any, a sandbox forgets everything when it stops (`sandbox serve`).
public protocol SandboxPersistence: Sendable {
    /// Starts a run: counts it (so ids minted in this run differ from every earlier run's) and answers
    /// everything saved before.
    func beginRun() throws -> SandboxSavedState
    func saveBalance(_ balance: Int64) throws
    /// Inserts or replaces an invoice and all its orders; a new invoice goes after every earlier one.
    func saveInvoice(_ invoice: SavedInvoice) throws
    /// Inserts or replaces an eSIM; a new eSIM goes after every earlier one.
    func saveESIM(_ esim: SavedESIM) throws
}

/// What a persistence held when a run began.
public struct SandboxSavedState: Sendable, Equatable {
    /// 1 for the first run on this persistence, then 2, 3, ...
    public var run: UInt64
    /// Identifies the persisted account for good: stable across runs, different for another data directory.
    public var accountID: String
    /// nil until the balance first changes: the configured starting balance then.
    public var balance: Int64?
    /// Oldest first.
    public var invoices: [SavedInvoice]
    /// In the order they were first saved.
    public var esims: [SavedESIM]

    public init(run: UInt64, accountID: String, balance: Int64? = nil, invoices: [SavedInvoice] = [], esims: [SavedESIM] = []) {
        self.run = run
        self.accountID = accountID
        self.balance = balance
        self.invoices = invoices
        self.esims = esims
    }
}

public struct SavedInvoice: Sendable, Equatable {
    public var id: String
    public var document: Data
    /// In the invoice's own order.
    public var orders: [SavedOrder]

    public init(id: String, document: Data, orders: [SavedOrder]) {
        self.id = id
        self.document = document
        self.orders = orders
    }
}

public struct SavedOrder: Sendable, Equatable {
    public var id: String
    public var document: Data

    public init(id: String, document: Data) {
        self.id = id
        self.document = document
    }
}

public struct SavedESIM: Sendable, Equatable {
    public var iccid: String
    public var document: Data

    public init(iccid: String, document: Data) {
        self.iccid = iccid
        self.document = document
    }
}

/// A saved sandbox state that cannot be read back, or a write that failed: names the place to look.
public struct SandboxPersistenceError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
