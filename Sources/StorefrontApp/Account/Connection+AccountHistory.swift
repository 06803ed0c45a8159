import AccountHistory
import Checkout
import Foundation

extension Connection {
    /// The account's history on this connection: the cache beside the catalog in `dataDirectory`, the journal to
    /// mark purchases made here.
    public func accountHistory(journal: UserDatabase?, dataDirectory: DataDirectory,
                               onWait: @escaping @Sendable (Date) -> Void = { _ in }) throws -> AccountHistory {
        try dataDirectory.prepare()
        let cache = try AccountHistoryCache.open(at: dataDirectory.file(AccountHistoryCache.fileName))
        return AccountHistory(client: client, cache: cache, journal: journal, source: purchaseSource, onWait: onWait)
    }
}
