import Foundation
import GRDB
import StorefrontDomain

extension UserDatabase {
    public func loadCart(settledBy journal: any PurchaseJournal) async throws(UserDatabaseError) -> SavedCart {
        try loadCart()
    }
}
