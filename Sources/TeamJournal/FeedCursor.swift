/// Where a feed stands: the highest change number it has read, and each purchase's last change shown, so a row read
/// twice (once for its notification, once by a catch-up after a reconnect) is shown once, and a row read after a
/// newer notification for it was already answered is not shown again.
public struct FeedCursor: Sendable, Equatable {
    /// Every change above this number is read back after a reconnect.
    public private(set) var highest: Int64
    private var shown: [String: Int64] = [:]

    public init(highest: Int64) {
        self.highest = highest
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
            highest = max(highest, change.seq)
            fresh.append(change)
        }
        return fresh
    }
}
