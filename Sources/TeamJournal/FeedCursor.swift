/// Where a feed stands: the database snapshot of its last read, and each purchase's last change shown, so a row read
/// twice (once by the starting list, once by the feed) is shown once, and a notification a newer read already
/// answered needs no read.
///
/// The snapshot, not the highest change number, is what a reconnect catches up from: numbers are taken before
/// commit, so a change can commit below a number already read, and only the snapshot says it was not finished then.
public struct FeedCursor: Sendable, Equatable {
    /// The last read's `pg_current_snapshot()`, as PostgreSQL writes it (`xmin:xmax:xip,…`): every change whose
    /// transaction it shows as finished has been read.
    public private(set) var snapshot: String
    private var shown: [String: Int64] = [:]

    public init(snapshot: String) {
        self.snapshot = snapshot
    }

    /// Whether a notification names a change this feed has not shown yet.
    public func isNew(id: String, seq: Int64) -> Bool {
        shown[id].map { $0 < seq } ?? true
    }

    /// The changes not shown yet, in change order, now counted as shown.
    public mutating func admit(_ changes: [PurchaseChange]) -> [PurchaseChange] {
        var fresh: [PurchaseChange] = []
        for change in changes.sorted(by: { $0.seq < $1.seq }) where isNew(id: change.purchase.id, seq: change.seq) {
            shown[change.purchase.id] = change.seq
            fresh.append(change)
        }
        return fresh
    }

    /// A read's changes, admitted, and its snapshot, which the next read goes on from.
    public mutating func admit(_ read: ChangeRead) -> [PurchaseChange] {
        snapshot = read.snapshot
        return admit(read.changes)
    }
}

/// One read of the feed: the purchases changed since the cursor's snapshot, and the snapshot they were read in.
public struct ChangeRead: Sendable, Equatable {
    public var changes: [PurchaseChange]
    public var snapshot: String

    public init(changes: [PurchaseChange], snapshot: String) {
        self.changes = changes
        self.snapshot = snapshot
    }
}
